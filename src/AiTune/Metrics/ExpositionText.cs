using System.Buffers;
using System.Globalization;
using System.Text;

namespace AiTune.Metrics;

/// <summary>The exposition formats' escaping and number rules. Prometheus text format 0.0.4: "label_value can be any
/// sequence of UTF-8 characters, but the backslash (\), double-quote ("), and line feed (\n) characters have to be
/// escaped as \\, \", and \n, respectively"; in HELP "backslash and line feed characters have to be escaped as \\
/// and \n"; values are Go ParseFloat numbers, with NaN, +Inf and -Inf. OpenMetrics 1.0 escapes the double quote in
/// HELP as well.</summary>
public static class ExpositionText
{
    public static string EscapeLabelValue(string value) => Escape(value, quote: true);

    public static string EscapeHelp(string help, ExpositionFormat format) => Escape(help, quote: format == ExpositionFormat.OpenMetrics);

    /// <summary>The inverse of <see cref="EscapeLabelValue"/>, as a Prometheus parser reads a label value; null for
    /// text no escaping produces (a lone backslash, an unknown escape, an unescaped quote or line feed).</summary>
    public static string? UnescapeLabelValue(string escaped)
    {
        var text = new StringBuilder(escaped.Length);
        for (int i = 0; i < escaped.Length; i++)
        {
            char c = escaped[i];
            if (c is '"' or '\n')
            {
                return null;
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (++i == escaped.Length)
            {
                return null;
            }

            switch (escaped[i])
            {
                case '\\': text.Append('\\'); break;
                case '"': text.Append('"'); break;
                case 'n': text.Append('\n'); break;
                default: return null;
            }
        }

        return text.ToString();
    }

    /// <summary>The shortest text that parses back to the same double ("R" round trip), NaN, +Inf and -Inf.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary><see cref="FormatValue"/> written as UTF-8 into <paramref name="utf8"/> (at least
    /// <see cref="MaxValueBytes"/> long), without the string: the writer formats one per series.</summary>
    public static int FormatValue(double value, Span<byte> utf8)
    {
        if (!double.IsFinite(value))
        {
            return Encoding.UTF8.GetBytes(FormatValue(value), utf8);
        }

        return value.TryFormat(utf8, out int written, "R", CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentException("the buffer is shorter than MaxValueBytes", nameof(utf8));
    }

    /// <summary>The longest "R" text of a double ("-1.7976931348623157E+308" is 24 characters), with room to spare.</summary>
    public const int MaxValueBytes = 32;

    /// <summary>Metric names: [a-zA-Z_:][a-zA-Z0-9_:]*.</summary>
    public static bool IsValidMetricName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && !name.AsSpan().ContainsAnyExcept(MetricNameCharacters);

    /// <summary>Label names: [a-zA-Z_][a-zA-Z0-9_]*, and not the reserved __ prefix.</summary>
    public static bool IsValidLabelName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && !name.AsSpan().ContainsAnyExcept(LabelNameCharacters)
        && !name.StartsWith("__", StringComparison.Ordinal);

    // Every series' label names are checked: a vectorized search, not a LINQ predicate per character.
    private static readonly SearchValues<char> LabelNameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private static readonly SearchValues<char> MetricNameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:");

    private static string Escape(string text, bool quote)
    {
        if (text.AsSpan().IndexOfAny(quote ? "\\\"\n" : "\\\n") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\': escaped.Append("\\\\"); break;
                case '\n': escaped.Append("\\n"); break;
                case '"' when quote: escaped.Append("\\\""); break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }
}
