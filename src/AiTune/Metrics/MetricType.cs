namespace AiTune.Metrics;

/// <summary>The metric types aitune exports. Histograms and summaries are not needed: aitune reports states and
/// kernel counters, and a stateset is exported as gauges (one 0/1 series per state), as node_exporter does.</summary>
public enum MetricType
{
    /// <summary>A value that only goes up (until the host reboots); the family name ends in _total.</summary>
    Counter,
    Gauge,
}
