using System.Diagnostics;
using AiTune.Benchmarks.Statistics;
using AiTune.Units;

namespace AiTune.Benchmarks;

/// <summary>
/// Runs one case to a statistically useful number of samples: warm-up repetitions discarded, then repetitions until
/// every metric's median is known to the target width (bootstrap interval), the maximum count, or the time budget.
/// Ctrl-C (the token) ends the case with the samples so far; a case that cannot run here is recorded as skipped
/// with its reason, so one missing feature does not lose a whole run.
/// </summary>
public sealed class BenchmarkRunner(RunSettings settings)
{
    public RunSettings Settings { get; } = settings;

    public CaseResult Run(BenchmarkCase benchmarkCase, Action<CaseProgress>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var metrics = benchmarkCase.Metrics;
        var samples = metrics.Select(_ => new List<double>()).ToArray();
        int maximum = Settings.Repetition.MaximumCount;
        CaseOutcome outcome;
        string? reason = null;
        try
        {
            cancellation.ThrowIfCancellationRequested();
            benchmarkCase.Prepare(cancellation);
            progress?.Invoke(new CaseProgress(benchmarkCase.FullName, 0, maximum, clock.Elapsed, Settings.CaseBudget, false));
            var values = new double[metrics.Count];
            for (int i = 0; i < Settings.WarmupCount; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                benchmarkCase.Measure(values, cancellation);
            }

            var measuring = Stopwatch.StartNew();
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                Array.Clear(values);
                benchmarkCase.Measure(values, cancellation);
                for (int m = 0; m < metrics.Count; m++)
                {
                    if (!double.IsFinite(values[m]) || values[m] <= 0)
                    {
                        throw new InvalidOperationException($"{benchmarkCase.FullName}: metric {metrics[m].Name} measured {values[m]}, not a positive number");
                    }

                    samples[m].Add(values[m]);
                }

                var next = Decide(metrics, samples, clock.Elapsed);
                int count = samples[0].Count;
                var perSample = measuring.Elapsed / count;
                var remaining = Min(Settings.CaseBudget - clock.Elapsed, perSample * (maximum - count));
                progress?.Invoke(new CaseProgress(benchmarkCase.FullName, count, maximum, clock.Elapsed, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining, false));
                if (next is { } stop)
                {
                    outcome = stop;
                    reason = stop switch
                    {
                        CaseOutcome.MaximumReached => $"stopped at the maximum of {maximum} repetitions before the median was known to ±{Percent.Format(Settings.Repetition.TargetRelativeHalfWidth, 0)}",
                        CaseOutcome.BudgetReached => $"stopped at the time budget of {Settings.CaseBudget.TotalSeconds:0} s before the median was known to ±{Percent.Format(Settings.Repetition.TargetRelativeHalfWidth, 0)}",
                        _ => null,
                    };
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            outcome = CaseOutcome.Interrupted;
            reason = "interrupted";
        }
        catch (AiTuneException e)
        {
            outcome = CaseOutcome.Skipped;
            reason = $"{e.Message} ({e.Hint})";
        }
        finally
        {
            benchmarkCase.Dispose();
        }

        progress?.Invoke(new CaseProgress(benchmarkCase.FullName, samples[0].Count, maximum, clock.Elapsed, TimeSpan.Zero, true));
        var results = metrics.Select((m, i) => new MetricResult(m.Name, m.Unit, m.Direction, samples[i].ToArray())).ToList();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in benchmarkCase.Parameters)
        {
            parameters[name] = value;
        }

        parameters[CaseResult.ModeParameter] = Settings.Quick ? "quick" : "standard";
        return new CaseResult(benchmarkCase.Suite, benchmarkCase.Name, benchmarkCase.Description, outcome, reason,
            Settings.WarmupCount, clock.Elapsed.TotalSeconds, results, benchmarkCase.Notes.ToList(), parameters);
    }

    private CaseOutcome? Decide(IReadOnlyList<MetricDefinition> metrics, List<double>[] samples, TimeSpan elapsed)
    {
        var repetition = Settings.Repetition;
        int count = samples[0].Count;
        bool anyDecides = metrics.Any(m => m.DecidesStop);
        if (count >= repetition.MinimumCount
            && samples.Where((_, m) => metrics[m].DecidesStop || !anyDecides).All(s => RepetitionRule.Decide(s, repetition).Outcome == RepetitionOutcome.TargetMet))
        {
            return CaseOutcome.TargetMet;
        }

        if (count >= repetition.MaximumCount)
        {
            return CaseOutcome.MaximumReached;
        }

        return elapsed >= Settings.CaseBudget && count >= RepetitionSettings.SmallestMinimumCount ? CaseOutcome.BudgetReached : null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
