namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// The stopping rule for repetitions: a pure function of the samples so far and the settings. The width is judged
/// on the median's bootstrap interval, as the reference harnesses judge theirs on the mean's (BenchmarkDotNet stops at
/// a 99.9 % half-width under 2 % of the mean; netperf iterates until its interval is within ±w/2).
/// </summary>
public static class RepetitionRule
{
    public static RepetitionDecision Decide(IReadOnlyList<double> samples, RepetitionSettings? settings = null)
    {
        settings ??= RepetitionSettings.Default;
        var summary = SampleSummary.Create(samples, settings.Bootstrap);
        double relativeHalfWidth = summary.MedianInterval.HalfWidth / summary.Median;
        var outcome =
            summary.Count >= settings.MinimumCount && relativeHalfWidth <= settings.TargetRelativeHalfWidth
                ? RepetitionOutcome.TargetMet
                : summary.Count >= settings.MaximumCount
                    ? RepetitionOutcome.MaximumReached
                    : RepetitionOutcome.Continue;
        return new RepetitionDecision(outcome, relativeHalfWidth, summary);
    }
}
