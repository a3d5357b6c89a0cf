using AiTune.Benchmarks.Statistics;

namespace AiTune.Benchmarks;

/// <summary>One number a benchmark case measures on every repetition.</summary>
/// <param name="Name">Short and stable within its case ("throughput", "p99"); runs are compared by it.</param>
/// <param name="Unit">As printed: "GB/s" (10^9 bytes per second), "µs", "ns/page" …</param>
public sealed record MetricDefinition(string Name, string Unit, MetricDirection Direction);
