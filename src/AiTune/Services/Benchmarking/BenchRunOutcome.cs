using AiTune.Benchmarks;

namespace AiTune.Services.Benchmarking;

/// <summary>A run measured on this host.</summary>
/// <param name="Run">The run, with its store id when it was stored (0 when not).</param>
/// <param name="StoredIn">The result store it was saved in; null when it was not (--no-save, or nothing was measured).</param>
public sealed record BenchRunOutcome(BenchmarkRun Run, string? StoredIn);
