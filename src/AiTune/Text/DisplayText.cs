using System.Globalization;
using System.Text;

namespace AiTune.Text;

/// <summary>
/// Makes text taken from a model file or a host safe to put in a message: a hostile name could carry newlines, terminal escape
/// sequences or bidi overrides, or be megabytes long.
/// </summary>
public static class DisplayText
{
    private const int MaxChars = 120;

    /// <summary>The text in single quotes, escaped and cut to a readable length.</summary>
    internal static string Quote(string text) => "'" + Escape(Cut(text, MaxChars)) + "'";

    /// <summary>Text for a message, escaped and cut to <paramref name="maxChars"/> with "…": a header excerpt or a value
    /// from a file must not turn one error into a screenful.</summary>
    public static string Excerpt(string text, int maxChars = MaxChars) => Escape(Cut(text, maxChars));

    /// <summary>A path for a message, escaped; one longer than <paramref name="maxChars"/> loses the middle of its
    /// directories ("/srv/models/…/llama-70b.gguf"), because the start says where and the file name says what.</summary>
    public static string FilePath(string path, int maxChars = 100)
    {
        string escaped = Escape(path);
        if (escaped.Length <= maxChars)
        {
            return escaped;
        }

        int slash = escaped.LastIndexOf('/');
        string tail = slash >= 0 ? escaped[slash..] : "";
        if (tail.Length > maxChars * 2 / 3)
        {
            return Cut(escaped, maxChars);
        }

        int head = maxChars - tail.Length - 1;
        int end = char.IsHighSurrogate(escaped[head - 1]) ? head - 1 : head;
        return string.Concat(escaped.AsSpan(0, end), "…", tail);
    }

    /// <summary>
    /// The text with control, format and separator characters made visible: a line break, carriage return or tab as
    /// <c>\n</c>, <c>\r</c>, <c>\t</c>, another control character as <c>\xHH</c> (ESC is <c>\x1b</c>), and a format or
    /// separator character (a bidi override) as <c>&lt;U+202E&gt;</c>. Written for people who read shell output, not
    /// JSON's <c>\u000a</c>.
    /// </summary>
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (!NeedsEscape(c))
            {
                escaped.Append(c);
                continue;
            }

            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < (char)0x100 => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "<U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ">",
            });
        }

        return escaped.ToString();
    }

    /// <summary>Cuts hostile or huge content down for an error message, printable characters only: the first 40
    /// characters, each control character as '?', and "…" when cut. Terser than <see cref="Excerpt"/>, for values
    /// quoted inside a longer sentence about a kernel file.</summary>
    public static string Shorten(string text)
    {
        const int maxChars = 40;
        var printable = Masked(text, maxChars);
        return text.Length > maxChars ? printable + "…" : printable;
    }

    /// <summary>The first <paramref name="maxChars"/> characters with each control character replaced by '?' (no
    /// "…"): for names that are wrong anyway, where only their shape matters to the reader.</summary>
    public static string Masked(string text, int maxChars) =>
        new(text.Take(maxChars).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    /// <summary>At most <paramref name="maxChars"/> characters, never splitting a surrogate pair, with "…" when cut.</summary>
    internal static string Cut(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        int end = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return string.Concat(text.AsSpan(0, end), "…");
    }

    private static bool NeedsEscape(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
