using AiTune.Benchmarks;

namespace AiTune.Serialization;

/// <summary>What `aitune bench compare A B --json` prints.</summary>
/// <param name="NoiseThreshold">Changes whose ratio interval reaches inside 1 ± this are no change (0.02 = ±2 %).</param>
/// <param name="SignificanceLevel">The Holm-adjusted p-value must be below this for a change.</param>
public sealed record BenchCompareDocument(int SchemaVersion, double NoiseThreshold, double SignificanceLevel, BenchmarkComparison Comparison)
{
    /// <summary>2: workload mismatches, runs with unrecorded workloads, busy runs, the "undecidable" verdict, and the
    /// virtualization and clocksource differences.</summary>
    public const int CurrentSchemaVersion = 2;
}
