using System.Buffers;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>
/// A line written straight to the console's writer when Spectre would add nothing to it: no colour (a pipe, a file,
/// NO_COLOR), characters of one cell each (<see cref="IsOneCellEach"/>) and short enough not to wrap. Spectre
/// measures every segment of every line rune by rune, twice under a padder: for a verify of twenty knobs that was a
/// sixth of the run. The text is the same as Spectre would write.
/// </summary>
internal static class PlainLine
{
    /// <summary>Printable ASCII and the typographic characters aitune writes (arrows, ellipses, signs), each one
    /// terminal cell wide (East Asian width narrow or ambiguous, which Spectre counts as one).</summary>
    private static readonly SearchValues<char> OneCell = SearchValues.Create(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~→…×–−—µ±·≤≥≈÷°");

    /// <summary>Whether every character of <paramref name="text"/> takes one cell, so its length is its width.</summary>
    public static bool IsOneCellEach(string text) => !text.AsSpan().ContainsAnyExcept(OneCell);

    /// <summary>A line of markup: written straight when it can be (<see cref="TryWrite"/>), else by Spectre. Spectre's
    /// markup parser also builds its table of emoji names on first use, a millisecond and a half of every run that
    /// prints a line through it.</summary>
    public static void Write(IAnsiConsole console, string markup)
    {
        if (!TryWrite(console, 0, markup))
        {
            console.MarkupLine(markup);
        }
    }

    /// <param name="markup">Spectre markup; its styles are dropped, which is what a console without colour does.</param>
    /// <returns>False, having written nothing, when the line needs Spectre.</returns>
    public static bool TryWrite(IAnsiConsole console, int indent, string markup)
    {
        if (console.Profile.Capabilities.Ansi)
        {
            return false;
        }

        var text = markup.RemoveMarkup();
        if (indent + text.Length > console.Profile.Width || !IsOneCellEach(text))
        {
            return false;
        }

        var writer = console.Profile.Out.Writer;
        writer.Write(new string(' ', indent) + text + "\n");
        return true;
    }
}
