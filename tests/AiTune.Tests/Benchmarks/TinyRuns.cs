using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks;

/// <summary>Runner settings for smoke runs: no warm-up, exactly three samples, whatever their spread.</summary>
internal static class TinyRuns
{
    public static RunSettings Settings { get; } = new(0, new RepetitionSettings(0.5, 3, 3), TimeSpan.FromSeconds(30), true);

    public static CaseResult Run(BenchmarkCase benchmarkCase, CancellationToken cancellation = default) =>
        new BenchmarkRunner(Settings).Run(benchmarkCase, null, cancellation);
}
