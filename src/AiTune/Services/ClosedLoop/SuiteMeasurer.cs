using AiTune.Benchmarks;
using AiTune.Benchmarks.Store;

namespace AiTune.Services.ClosedLoop;

/// <summary>The closed loop's measurements on a real host: the suites run as `aitune bench` runs them, each run with
/// the host's environment read anew (the applied profile differs from one side to the other) and stored.</summary>
/// <param name="environment">The host as a run records it, read before each run.</param>
/// <param name="display">Shows a session's progress while it runs (progress bars on a terminal), or just runs it.</param>
/// <param name="openStore">Opens the result store for each run to be saved; null to save nothing (--no-save).</param>
public sealed class SuiteMeasurer(
    IReadOnlyList<BenchmarkSuite> suites,
    SuiteOptions options,
    RunSettings settings,
    Func<RunEnvironment> environment,
    Func<SessionWork, BenchmarkRun> display,
    Func<ResultStore>? openStore) : IRunMeasurer
{
    public int MetricCount { get; } = CountMetrics(suites, options);

    public BenchmarkRun Measure(string label, CancellationToken cancellation)
    {
        var host = environment();
        var run = display((started, progress) => BenchmarkSession.Run(suites, options, settings, host, label, started, progress, cancellation));
        if (openStore is null || !run.Metrics().Any())
        {
            return run;
        }

        using var store = openStore();
        return run with { Id = store.Save(run) };
    }

    /// <summary>Creating cases prepares nothing (no file is written, no memory taken), so counting them is cheap.</summary>
    private static int CountMetrics(IReadOnlyList<BenchmarkSuite> suites, SuiteOptions options)
    {
        var cases = suites.SelectMany(s => s.CreateCases(options)).ToList();
        try
        {
            return cases.Sum(c => c.Metrics.Count);
        }
        finally
        {
            foreach (var benchmarkCase in cases)
            {
                benchmarkCase.Dispose();
            }
        }
    }
}
