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

    /// <summary>Metric names: [a-zA-Z_:][a-zA-Z0-9_:]*.</summary>
    public static bool IsValidMetricName(string name) =>
        name.Length > 0 && IsNameStart(name[0], colon: true) && name.All(c => IsNameStart(c, colon: true) || char.IsAsciiDigit(c));

    /// <summary>Label names: [a-zA-Z_][a-zA-Z0-9_]*, and not the reserved __ prefix.</summary>
    public static bool IsValidLabelName(string name) =>
        name.Length > 0 && IsNameStart(name[0], colon: false) && name.All(c => IsNameStart(c, colon: false) || char.IsAsciiDigit(c))
        && !name.StartsWith("__", StringComparison.Ordinal);

    private static bool IsNameStart(char c, bool colon) => char.IsAsciiLetter(c) || c == '_' || (colon && c == ':');

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
