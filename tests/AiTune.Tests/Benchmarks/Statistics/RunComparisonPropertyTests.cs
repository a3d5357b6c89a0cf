using AiTune.Benchmarks.Statistics;
using CsCheck;

namespace AiTune.Tests.Benchmarks.Statistics;

/// <summary>
/// What must hold for any samples: a run compared with itself never changed; halving a steady latency is always an
/// improvement; the ratio's interval holds the true ratio of constructed data. CsCheck's seeds make failures
/// reproducible; the bootstrap's own seed is fixed by the settings.
/// </summary>
public sealed class RunComparisonPropertyTests
{
    private static readonly ComparisonSettings Quick = new(bootstrap: new BootstrapSettings(resamples: 1000));

    private static readonly Gen<MetricDirection> Direction =
        Gen.OneOfConst(MetricDirection.LowerIsBetter, MetricDirection.HigherIsBetter);

    /// <summary>Each value the median of a run of its own.</summary>
    private static List<IReadOnlyList<double>> Runs(double[] values) => values.Select(v => (IReadOnlyList<double>)[v]).ToList();

    [Fact]
    public void A_sample_compared_with_itself_is_never_a_change() =>
        Gen.Select(Gen.Double[1e-6, 1e9].Array[1, 60], Direction).Sample((samples, direction) =>
        {
            var comparison = RunComparison.Compare([new MetricSamples("m", direction, Runs(samples), Runs(samples))], Quick);
            var metric = comparison.Metrics.Single();
            return metric.Verdict is ChangeVerdict.NoSignificantChange or ChangeVerdict.Undecidable
                && metric.Ratio == 1
                && metric.PValue == 1
                && metric.RatioInterval.Contains(1)
                && comparison.GeometricMeanGain == 1;
        }, iter: 150);

    [Fact]
    public void Halving_a_steady_sample_is_better_for_latency_and_worse_for_throughput() =>
        Gen.Select(Gen.Double[100, 105].Array[5, 40], Direction).Sample((samples, direction) =>
        {
            double[] halved = samples.Select(v => v * 0.5).ToArray();
            var metric = RunComparison.Compare([new MetricSamples("m", direction, Runs(samples), Runs(halved))], Quick).Metrics[0];
            var expected = direction == MetricDirection.LowerIsBetter ? ChangeVerdict.Improved : ChangeVerdict.Regressed;
            // Fully separated runs, at least 5 + 5: exact p = 2 / C(10, 5) ≈ 0.008, or about 0.012 by the normal
            // approximation beyond 50 runs in all when CsCheck's values tie.
            return metric.Verdict == expected && metric.PValue < 0.013;
        }, iter: 150);

    [Fact]
    public void The_ratio_interval_holds_the_true_ratio() =>
        Gen.Select(Gen.Double[1, 1000].Array[5, 40], Gen.Double[0.2, 5]).Sample((samples, factor) =>
        {
            double[] scaled = samples.Select(v => v * factor).ToArray();
            var metric = RunComparison.Compare(
                [new MetricSamples("m", MetricDirection.LowerIsBetter, samples, scaled)], Quick).Metrics[0];
            // Products round, so allow the last few bits.
            return metric.RatioInterval.Lower <= factor * (1 + 1e-12) && metric.RatioInterval.Upper >= factor * (1 - 1e-12);
        }, iter: 150);

    [Fact]
    public void Summary_statistics_are_ordered_and_inside_the_sample() =>
        Gen.Double[1e-3, 1e6].Array[1, 80].Sample(samples =>
        {
            var s = SampleSummary.Create(samples, new BootstrapSettings(resamples: 1000));
            // Interpolating between two equal values may land an ulp beside them.
            double slack = s.Max * 1e-12;
            return s.Min - slack <= s.Median && s.Median <= s.P90 + slack && s.P90 <= s.P99 + slack
                && s.P99 <= s.P999 + slack && s.P999 <= s.Max + slack
                && s.Min - slack <= s.MedianInterval.Lower && s.MedianInterval.Lower <= s.MedianInterval.Upper
                && s.MedianInterval.Upper <= s.Max + slack
                && s.StandardDeviation >= 0 && s.Count == samples.Length;
        }, iter: 200);
}
