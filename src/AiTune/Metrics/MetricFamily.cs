namespace AiTune.Metrics;

/// <summary>A metric family: HELP and TYPE written once, then its samples.</summary>
/// <param name="Name">The name as Prometheus stores it: counters end in _total (the OpenMetrics rendering declares
/// the family without it).</param>
/// <param name="Help">One sentence; may hold any text (it is escaped).</param>
public sealed record MetricFamily(string Name, MetricType Type, string Help, IReadOnlyList<MetricSample> Samples)
{
    public static MetricFamily Gauge(string name, string help, IReadOnlyList<MetricSample> samples) => new(name, MetricType.Gauge, help, samples);

    public static MetricFamily Counter(string name, string help, IReadOnlyList<MetricSample> samples) => new(name, MetricType.Counter, help, samples);
}
