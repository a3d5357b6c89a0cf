using System.Globalization;
using System.Text;

namespace AiTune.Models;

/// <summary>
/// Makes text taken from a model file or a host safe to put in a message: a hostile name could carry newlines, terminal escape
/// sequences or bidi overrides, or be megabytes long.
/// </summary>
public static class DisplayText
{
    private const int MaxChars = 120;

    /// <summary>The text in single quotes, escaped and cut to a readable length.</summary>
    internal static string Quote(string text) => "'" + Escape(Cut(text, MaxChars)) + "'";

    /// <summary>The text with control, format and separator characters written as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (NeedsEscape(c))
            {
                escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

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
