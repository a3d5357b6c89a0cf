using System.Buffers;
using System.Text;

namespace AiTune.Metrics;

/// <summary>Writes metric families as an exposition: HELP and TYPE once per family, then its samples, in the order
/// given. Independent of any transport: `aitune metrics` prints it or writes a textfile, `aitune serve` answers a
/// scrape with it.</summary>
public static class ExpositionWriter
{
    /// <summary>The Content-Type of the Prometheus text format 0.0.4.</summary>
    public const string PrometheusTextContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The Content-Type of OpenMetrics 1.0 text.</summary>
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public static string ContentType(ExpositionFormat format) =>
        format == ExpositionFormat.OpenMetrics ? OpenMetricsContentType : PrometheusTextContentType;

    /// <summary>The exposition as text (lines end in \n; OpenMetrics ends with "# EOF"). Checks the families first
    /// (<see cref="SeriesCheck.Validate"/>): a duplicate series throws rather than reaching a scraper that would
    /// silently keep one of the two.</summary>
    /// <param name="comments">Lines written as # comments before the families, in the Prometheus text format only
    /// (OpenMetrics allows no comments): why a collector failed, for a person reading the file.</param>
    public static string Write(IReadOnlyList<MetricFamily> families, ExpositionFormat format, IReadOnlyList<string>? comments = null)
    {
        SeriesCheck.Validate(families);
        return WriteChecked(families, format, comments);
    }

    /// <summary>The exposition of families the registry has checked already (each collector's series as it finished,
    /// then the declarations of all together), without checking them again.</summary>
    internal static string WriteChecked(IReadOnlyList<MetricFamily> families, ExpositionFormat format, IReadOnlyList<string>? comments) =>
        Encoding.UTF8.GetString(WriteCheckedUtf8(families, format, comments).Span);

    /// <summary><see cref="WriteChecked"/> as the UTF-8 bytes a textfile or stdout takes, made without the string.</summary>
    internal static ReadOnlyMemory<byte> WriteCheckedUtf8(IReadOnlyList<MetricFamily> families, ExpositionFormat format, IReadOnlyList<string>? comments)
    {
        var text = new ArrayBufferWriter<byte>(32 * 1024);
        if (format == ExpositionFormat.PrometheusText)
        {
            foreach (var comment in comments ?? [])
            {
                Append(text, "# "u8);
                Append(text, ExpositionText.EscapeHelp(comment, format));
                Append(text, "\n"u8);
            }
        }

        foreach (var family in families)
        {
            WriteFamily(text, family, format);
        }

        if (format == ExpositionFormat.OpenMetrics)
        {
            Append(text, "# EOF\n"u8);
        }

        return text.WrittenMemory;
    }

    private static void WriteFamily(ArrayBufferWriter<byte> text, MetricFamily family, ExpositionFormat format)
    {
        // OpenMetrics: "Counters ... The MetricFamily name MUST NOT end in _total"; the sample carries the suffix.
        string declared = format == ExpositionFormat.OpenMetrics && family.Type == MetricType.Counter && family.Name.EndsWith("_total", StringComparison.Ordinal)
            ? family.Name[..^"_total".Length]
            : family.Name;
        Append(text, "# HELP "u8);
        Append(text, declared);
        Append(text, " "u8);
        Append(text, ExpositionText.EscapeHelp(family.Help, format));
        Append(text, "\n# TYPE "u8);
        Append(text, declared);
        Append(text, family.Type == MetricType.Counter ? " counter\n"u8 : " gauge\n"u8);
        foreach (var sample in family.Samples)
        {
            Append(text, family.Name);
            if (sample.Labels.Count > 0)
            {
                Append(text, "{"u8);
                for (int i = 0; i < sample.Labels.Count; i++)
                {
                    if (i > 0)
                    {
                        Append(text, ","u8);
                    }

                    Append(text, sample.Labels[i].Name);
                    Append(text, "=\""u8);
                    Append(text, ExpositionText.EscapeLabelValue(sample.Labels[i].Value));
                    Append(text, "\""u8);
                }

                Append(text, "}"u8);
            }

            Append(text, " "u8);
            text.Advance(ExpositionText.FormatValue(sample.Value, text.GetSpan(ExpositionText.MaxValueBytes)));
            Append(text, "\n"u8);
        }
    }

    private static void Append(ArrayBufferWriter<byte> text, ReadOnlySpan<byte> utf8) => text.Write(utf8);

    private static void Append(ArrayBufferWriter<byte> text, string value) =>
        text.Advance(Encoding.UTF8.GetBytes(value, text.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length))));
}
