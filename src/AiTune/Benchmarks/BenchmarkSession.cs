using AiTune.Benchmarks.Load;

namespace AiTune.Benchmarks;

/// <summary>
/// Runs suites case by case into one <see cref="BenchmarkRun"/>. Every case is created first (so progress can count
/// them) and disposed at the end whatever happens, so Ctrl-C leaves no temporary file behind; an interrupted run
/// keeps what it measured and is marked partial.
/// </summary>
public static class BenchmarkSession
{
    /// <param name="started">Called with every case before the first one runs (for progress bars).</param>
    /// <param name="progress">Called as a case advances.</param>
    public static BenchmarkRun Run(IReadOnlyList<BenchmarkSuite> suites, SuiteOptions options, RunSettings settings, RunEnvironment environment,
        string? label, Action<IReadOnlyList<BenchmarkCase>>? started, Action<CaseProgress>? progress, CancellationToken cancellation)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var cases = suites.SelectMany(s => s.CreateCases(options)).ToList();
        var results = new List<CaseResult>();
        var load = HostLoadMonitor.Start();
        try
        {
            started?.Invoke(cases);
            var runner = new BenchmarkRunner(settings);
            foreach (var benchmarkCase in cases)
            {
                if (cancellation.IsCancellationRequested)
                {
                    break;
                }

                results.Add(runner.Run(benchmarkCase, progress, cancellation));
                load.CaseDone(benchmarkCase.FullName);
            }
        }
        finally
        {
            foreach (var benchmarkCase in cases)
            {
                benchmarkCase.Dispose();
            }
        }

        bool partial = results.Count < cases.Count || results.Any(r => r.Outcome == CaseOutcome.Interrupted);
        return new BenchmarkRun(0, label, startedAt, DateTimeOffset.UtcNow, partial, suites.Select(s => s.Name).ToList(),
            RunSettingsRecord.Of(settings), environment, results, Guid.CreateVersion7().ToString(), load.Finish());
    }
}
