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

    /// <summary>The exposition of families <see cref="SeriesCheck.Validate"/> has passed already (a collection's: the
    /// registry checks every collector's families and then all of them together), without checking them again.</summary>
    internal static string WriteChecked(IReadOnlyList<MetricFamily> families, ExpositionFormat format, IReadOnlyList<string>? comments)
    {
        var text = new StringBuilder(4096);
        if (format == ExpositionFormat.PrometheusText)
        {
            foreach (var comment in comments ?? [])
            {
                text.Append("# ").Append(ExpositionText.EscapeHelp(comment, format)).Append('\n');
            }
        }

        foreach (var family in families)
        {
            WriteFamily(text, family, format);
        }

        if (format == ExpositionFormat.OpenMetrics)
        {
            text.Append("# EOF\n");
        }

        return text.ToString();
    }

    private static void WriteFamily(StringBuilder text, MetricFamily family, ExpositionFormat format)
    {
        // OpenMetrics: "Counters ... The MetricFamily name MUST NOT end in _total"; the sample carries the suffix.
        string declared = format == ExpositionFormat.OpenMetrics && family.Type == MetricType.Counter && family.Name.EndsWith("_total", StringComparison.Ordinal)
            ? family.Name[..^"_total".Length]
            : family.Name;
        text.Append("# HELP ").Append(declared).Append(' ').Append(ExpositionText.EscapeHelp(family.Help, format)).Append('\n');
        text.Append("# TYPE ").Append(declared).Append(' ').Append(family.Type == MetricType.Counter ? "counter" : "gauge").Append('\n');
        foreach (var sample in family.Samples)
        {
            text.Append(family.Name);
            if (sample.Labels.Count > 0)
            {
                text.Append('{');
                for (int i = 0; i < sample.Labels.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    text.Append(sample.Labels[i].Name).Append("=\"").Append(ExpositionText.EscapeLabelValue(sample.Labels[i].Value)).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(ExpositionText.FormatValue(sample.Value)).Append('\n');
        }
    }
}
