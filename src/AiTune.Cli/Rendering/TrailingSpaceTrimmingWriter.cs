using System.Text;

namespace AiTune.Cli.Rendering;

/// <summary>
/// Passes text through, except the spaces and tabs at the end of each line. Spectre pads every table cell, the last
/// column's too, to its width: piped into a file or a diff, every line of a table would end in a run of spaces.
/// Blanks are held back until the next character shows whether they end a line; colour codes among them (ESC [
/// … m) are kept, so a style that ends after the padding still ends. What is decided goes to the inner writer once
/// per call, not a character at a time: Console.Out flushes every write, and a table went out as a system call per
/// character.
/// </summary>
internal sealed class TrailingSpaceTrimmingWriter(TextWriter inner) : TextWriter
{
    private const char Escape = '\u001b';

    /// <summary>Blanks, and the colour codes among them, not yet known to end a line.</summary>
    private readonly StringBuilder pending = new();

    /// <summary>Text decided, written to the inner writer at the end of the call that produced it.</summary>
    private readonly StringBuilder ready = new();
    private EscapeState state;

    private enum EscapeState
    {
        None,
        AfterEscape,
        InSequence,
    }

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        Take(value);
        Emit();
    }

    private void Take(char value)
    {
        if (state != EscapeState.None)
        {
            pending.Append(value);
            state = state switch
            {
                EscapeState.AfterEscape when value == '[' => EscapeState.InSequence,
                EscapeState.InSequence when value is < '@' or > '~' => EscapeState.InSequence,
                _ => EscapeState.None,
            };
            return;
        }

        switch (value)
        {
            case ' ' or '\t':
                pending.Append(value);
                break;
            case '\n' or '\r':
                // The blanks end a line: drop them, keep the colour codes among them (which hold no blanks).
                pending.Replace(" ", "").Replace("\t", "");
                WritePending();
                ready.Append(value);
                break;
            case Escape when pending.Length > 0:
                pending.Append(value);
                state = EscapeState.AfterEscape;
                break;
            default:
                WritePending();
                ready.Append(value);
                break;
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        // Spectre writes a segment at a time: most are words with no line end and no blank at the end.
        if (state == EscapeState.None && pending.Length == 0 && value.Length > 0 && value[^1] is not (' ' or '\t')
            && value.AsSpan().IndexOfAny('\n', '\r', Escape) < 0)
        {
            inner.Write(value);
            return;
        }

        foreach (char c in value)
        {
            Take(c);
        }

        Emit();
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <summary>Blanks still pending are not written: if nothing follows them, they end the output.</summary>
    public override void Flush() => inner.Flush();

    private void WritePending()
    {
        if (pending.Length > 0)
        {
            ready.Append(pending);
            pending.Clear();
        }
    }

    private void Emit()
    {
        if (ready.Length > 0)
        {
            inner.Write(ready.ToString());
            ready.Clear();
        }
    }
}
