namespace AiTune.Benchmarks;

/// <summary>A metric whose runs did not measure the same workload: a standard 2 GiB model load against a quick
/// 256 MiB one, 8 threads against 2. Left out of the compare, or compared and marked when the user forces it.</summary>
/// <param name="Metric">"suite/case/metric".</param>
/// <param name="Differences">The workload parameters that differ, each with the values on each side.</param>
/// <param name="Compared">True when --force compared it anyway.</param>
public sealed record WorkloadMismatch(string Metric, IReadOnlyList<RunDifference> Differences, bool Compared);
