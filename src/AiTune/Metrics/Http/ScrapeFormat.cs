namespace AiTune.Metrics.Http;

/// <summary>The exposition formats a scrape can ask for through its Accept header.</summary>
public enum ScrapeFormat
{
    /// <summary>The Prometheus text format 0.0.4, the default.</summary>
    PrometheusText,

    /// <summary>OpenMetrics 1.0.0 text, which ends with <c># EOF</c>.</summary>
    OpenMetrics,
}
