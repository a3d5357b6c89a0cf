namespace AiTune.Metrics;

/// <summary>The two text formats a Prometheus scrape accepts.</summary>
public enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4: what node_exporter's textfile collector reads and every scraper accepts.</summary>
    PrometheusText,
    /// <summary>OpenMetrics 1.0 text: counters declared without _total, and a closing "# EOF".</summary>
    OpenMetrics,
}
