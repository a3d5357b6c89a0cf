using AiTune.Benchmarks.Statistics;

namespace AiTune.Benchmarks;

/// <summary>One number a benchmark case measures on every repetition.</summary>
/// <param name="Name">Short and stable within its case ("throughput", "p99"); runs are compared by it.</param>
/// <param name="Unit">As printed: "GB/s" (10^9 bytes per second), "µs", "ns/page" …</param>
/// <param name="DecidesStop">Whether the runner waits for this metric's median to be known to the target before it
/// stops repeating. A tail quantile taken per repetition (the p99.9 of 20,000 round trips) moves so much from one
/// repetition to the next that it would hold every case open to its budget; it is measured on every repetition all
/// the same, reported with its own interval, and compared. When no metric of a case decides, every one does.</param>
public sealed record MetricDefinition(string Name, string Unit, MetricDirection Direction, bool DecidesStop = true);
