using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks.Statistics;

public sealed class RunComparisonTests
{
    /// <summary>Ten values within 0.5 % of 100: low noise, no ties.</summary>
    private static readonly double[] Steady = Enumerable.Range(0, 10).Select(i => 99.75 + 0.05 * i).ToArray();

    private static double[] Scaled(double[] values, double factor) => values.Select(v => v * factor).ToArray();

    /// <summary>One metric, each value the only repetition of its own run: the runs are the replicates, so the test and
    /// the interval work on these values exactly as they would on the medians of as many runs.</summary>
    private static MetricComparison CompareOne(MetricDirection direction, double[] baseline, double[] candidate,
        ComparisonSettings? settings = null) =>
        RunComparison.Compare([Runs("m", direction, baseline, candidate)], settings).Metrics.Single();

    private static MetricSamples Runs(string name, MetricDirection direction, double[] baseline, double[] candidate) =>
        new(name, direction, baseline.Select(v => (IReadOnlyList<double>)[v]).ToList(), candidate.Select(v => (IReadOnlyList<double>)[v]).ToList());

    /// <summary>A boot: 20 repetitions within 0.02 % of its center, as a quiet machine gives within one boot.</summary>
    private static IReadOnlyList<double> Boot(double center) => Enumerable.Range(0, 20).Select(i => center * (1 + 0.00001 * i)).ToArray();

    [Fact]
    public void With_several_runs_a_side_the_runs_are_the_replicates_and_boot_to_boot_spread_is_not_evidence()
    {
        // Boots of kernel A at 100, 110, 120 µs and of kernel B at 105, 115, 125: B's median is 5 % higher, and its
        // 60 pooled repetitions are all but separable from A's, but the boots overlap: this is not evidence.
        var samples = new MetricSamples("scheduler/futex/p50", MetricDirection.LowerIsBetter,
            [Boot(100), Boot(110), Boot(120)], [Boot(105), Boot(115), Boot(125)]);

        var result = RunComparison.Compare([samples]).Metrics.Single();
        var pooled = CompareOne(MetricDirection.LowerIsBetter,
            samples.BaselineRuns.SelectMany(r => r).ToArray(), samples.CandidateRuns.SelectMany(r => r).ToArray());

        Assert.Equal((60, 60, 3, 3), (result.BaselineCount, result.CandidateCount, result.BaselineRuns, result.CandidateRuns));
        // Three boots a side could not show a change even wholly apart (p ≥ 0.1).
        Assert.Equal(ChangeVerdict.Undecidable, result.Verdict);
        // Mann-Whitney on the medians 100, 110, 120 against 105, 115, 125: U = 6 of 9, p = 0.7.
        Assert.Equal(6, result.CandidateU);
        Assert.Equal(0.7, result.PValue, 12);
        Assert.True(result.RatioInterval.Lower < 0.95 && result.RatioInterval.Upper > 1.1, $"interval {result.RatioInterval}");
        // The same samples pooled as one run each would have called it a regression.
        Assert.Equal(ChangeVerdict.Regressed, pooled.Verdict);
        Assert.Equal(result.Ratio, pooled.Ratio, 12);
    }

    [Fact]
    public void Four_boots_a_side_wholly_apart_show_a_change()
    {
        var samples = new MetricSamples("scheduler/futex/p50", MetricDirection.LowerIsBetter,
            [Boot(100), Boot(101), Boot(102), Boot(103)], [Boot(130), Boot(131), Boot(132), Boot(133)]);

        var result = RunComparison.Compare([samples]).Metrics.Single();

        Assert.Equal(2.0 / 70, result.PValue, 12);
        Assert.Equal(ChangeVerdict.Regressed, result.Verdict);
        Assert.InRange(result.RatioInterval.Lower, 1.25, result.Ratio);
        Assert.InRange(result.RatioInterval.Upper, result.Ratio, 1.34);
    }

    [Fact]
    public void One_run_against_several_still_tests_run_medians_and_a_run_without_samples_is_refused()
    {
        var oneAgainstThree = RunComparison.Compare([new MetricSamples("m", MetricDirection.HigherIsBetter,
            [Boot(10)], [Boot(10), Boot(11), Boot(12)])]).Metrics.Single();
        Assert.Equal((1, 3), (oneAgainstThree.BaselineRuns, oneAgainstThree.CandidateRuns));
        Assert.InRange(oneAgainstThree.PValue, RankSumTest.SmallestTwoSidedP(1, 3), 1);
        // One run against three can reach p = 0.5 at best: no evidence either way.
        Assert.Equal(ChangeVerdict.Undecidable, oneAgainstThree.Verdict);

        var error = Assert.Throws<AiTuneException>(() => RunComparison.Compare([new MetricSamples("m", MetricDirection.HigherIsBetter,
            [Boot(10), []], [Boot(10)])]));
        Assert.Contains("metric 'm', baseline run 2", error.Message);
        Assert.Throws<AiTuneException>(() => RunComparison.Compare([new MetricSamples("m", MetricDirection.HigherIsBetter,
            Array.Empty<IReadOnlyList<double>>(), [Boot(10)])]));
    }

    [Theory]
    [InlineData(MetricDirection.LowerIsBetter, 0.5, ChangeVerdict.Improved)]
    [InlineData(MetricDirection.LowerIsBetter, 2.0, ChangeVerdict.Regressed)]
    [InlineData(MetricDirection.HigherIsBetter, 0.5, ChangeVerdict.Regressed)]
    [InlineData(MetricDirection.HigherIsBetter, 2.0, ChangeVerdict.Improved)]
    public void A_clear_shift_gets_the_verdict_its_direction_implies(MetricDirection direction, double factor,
        ChangeVerdict expected)
    {
        var result = CompareOne(direction, Steady, Scaled(Steady, factor));

        Assert.Equal(expected, result.Verdict);
        Assert.Equal(factor, result.Ratio, 12);
        // Resampled medians stay within 99.75..100.2, so the ratio's interval stays within ±0.5 % of the factor.
        Assert.InRange(result.RatioInterval.Lower, factor * 0.995, result.RatioInterval.Upper);
        Assert.InRange(result.RatioInterval.Upper, result.RatioInterval.Lower, factor * 1.005);
        // Every candidate value beyond every baseline value: the exact p-value is 2 / C(20, 10).
        Assert.Equal(2 / 184756.0, result.PValue, 12);
        Assert.Equal(result.PValue, result.AdjustedPValue);
        Assert.Equal(factor < 1 ? 0 : 100, result.CandidateU);
    }

    [Fact]
    public void The_same_samples_are_no_change()
    {
        var result = CompareOne(MetricDirection.LowerIsBetter, Steady, Steady);

        Assert.Equal(ChangeVerdict.NoSignificantChange, result.Verdict);
        Assert.Equal(1, result.Ratio);
        Assert.Equal(1, result.PValue);
        Assert.True(result.RatioInterval.Contains(1));
        Assert.Equal(99.975, result.BaselineMedian, 12); // (99.95 + 100.00) / 2
        Assert.Equal(99.975, result.CandidateMedian, 12);
        Assert.Equal(10, result.BaselineCount);
        Assert.Equal(10, result.CandidateCount);
    }

    [Fact]
    public void A_significant_change_inside_the_noise_band_is_no_change()
    {
        // 1 % slower, with so little noise that every candidate value exceeds every baseline value: p is tiny, but
        // the ratio's interval lies inside ±2 %.
        double[] baseline = Enumerable.Range(0, 30).Select(i => 100 + 0.001 * i).ToArray();
        double[] candidate = Scaled(baseline, 1.01);

        var banded = CompareOne(MetricDirection.LowerIsBetter, baseline, candidate);
        var unbanded = CompareOne(MetricDirection.LowerIsBetter, baseline, candidate, new ComparisonSettings(noiseThreshold: 0));

        Assert.True(banded.PValue < 1e-6, $"p = {banded.PValue}");
        Assert.InRange(banded.RatioInterval.Lower, 1.009, 1.011);
        Assert.InRange(banded.RatioInterval.Upper, 1.009, 1.011);
        Assert.Equal(ChangeVerdict.NoSignificantChange, banded.Verdict);
        Assert.Equal(ChangeVerdict.Regressed, unbanded.Verdict);
    }

    [Fact]
    public void A_large_change_with_too_few_runs_to_be_significant_is_undecidable_not_no_change()
    {
        // Three runs each, all candidate runs below all baseline runs: the smallest possible exact two-sided
        // p-value for 3 + 3 runs is 2 / C(6, 3) = 0.1, never below 0.05.
        var result = CompareOne(MetricDirection.LowerIsBetter, [100, 101, 102], [50, 51, 52]);

        Assert.Equal(0.1, result.PValue, 12);
        Assert.Equal(ChangeVerdict.Undecidable, result.Verdict);
    }

    [Fact]
    public void One_run_against_one_never_gets_a_verdict_however_far_apart_its_repetitions_are()
    {
        // Two back-to-back runs whose 40 repetitions are wholly apart: within a run the repetitions share the run's
        // state, so this is one observation a side, and p is 1.
        var result = RunComparison.Compare([new MetricSamples("model-load/parallel/thp/throughput", MetricDirection.HigherIsBetter,
            Boot(2.0), Boot(2.8))]).Metrics.Single();

        Assert.Equal((1, 1), (result.BaselineRuns, result.CandidateRuns));
        Assert.Equal(1, result.PValue);
        Assert.Equal(RankTestMethod.ExactPermutation, result.RankTestMethod);
        Assert.Equal(ChangeVerdict.Undecidable, result.Verdict);
        Assert.Equal(1.4, result.Ratio, 3);
    }

    [Theory]
    [InlineData(1, 0.05, 4)]
    [InlineData(2, 0.05, 5)]
    [InlineData(10, 0.05, 6)]
    [InlineData(18, 0.05, 6)]
    [InlineData(40, 0.05, 7)]
    [InlineData(1, 0.01, 5)]
    public void The_runs_a_side_needed_grow_with_the_metrics_that_share_alpha(int metrics, double alpha, int expected)
    {
        Assert.Equal(expected, RunComparison.RunsPerSideNeeded(metrics, alpha));
        Assert.True(RunComparison.CanShowChange(metrics, expected, expected, alpha));
        Assert.False(RunComparison.CanShowChange(metrics, expected - 1, expected - 1, alpha));
    }

    [Fact]
    public void Holm_correction_applies_before_the_verdicts()
    {
        // Four values each, fully separated: exact p = 2 / C(8, 4) = 2/70 ≈ 0.029 < 0.05 on its own; two such
        // metrics are adjusted to 2·2/70 ≈ 0.057, which is no longer significant.
        double[] baseline = [100, 101, 102, 103];
        double[] halved = Scaled(baseline, 0.5);

        var alone = CompareOne(MetricDirection.LowerIsBetter, baseline, halved);
        var together = RunComparison.Compare(
        [
            Runs("load", MetricDirection.LowerIsBetter, baseline, halved),
            Runs("wake-up", MetricDirection.LowerIsBetter, baseline, halved),
        ]);
        var fiveRuns = RunComparison.Compare(
        [
            Runs("load", MetricDirection.LowerIsBetter, [.. baseline, 104], [.. halved, 52]),
            Runs("wake-up", MetricDirection.LowerIsBetter, [.. baseline, 104], [.. halved, 52]),
        ]);

        Assert.Equal(2 / 70.0, alone.AdjustedPValue, 12);
        Assert.Equal(ChangeVerdict.Improved, alone.Verdict);
        // Two metrics: even runs wholly apart adjust to 4/70 > 0.05, so four runs a side cannot decide either.
        Assert.All(together.Metrics, metric =>
        {
            Assert.Equal(2 / 70.0, metric.PValue, 12);
            Assert.Equal(4 / 70.0, metric.AdjustedPValue, 12);
            Assert.Equal(ChangeVerdict.Undecidable, metric.Verdict);
        });
        // Five runs a side can: 2 · 2/252 < 0.05.
        Assert.All(fiveRuns.Metrics, metric => Assert.Equal(ChangeVerdict.Improved, metric.Verdict));
    }

    [Fact]
    public void Geometric_mean_of_known_gains()
    {
        // Constant samples make every bootstrap replicate exact. Gains (above 1 is better): latency 100 → 50 is 2,
        // throughput 100 → 50 is 0.5, latency 400 → 100 is 4; geometric mean ∛(2 · 0.5 · 4) = ∛4.
        var comparison = RunComparison.Compare(
        [
            Runs("latency", MetricDirection.LowerIsBetter, Constant(100), Constant(50)),
            Runs("throughput", MetricDirection.HigherIsBetter, Constant(100), Constant(50)),
            Runs("load", MetricDirection.LowerIsBetter, Constant(400), Constant(100)),
        ]);

        Assert.Equal(Math.Cbrt(4), comparison.GeometricMeanGain, 12);
        Assert.Equal(Math.Cbrt(4), comparison.GeometricMeanGainInterval.Lower, 12);
        Assert.Equal(Math.Cbrt(4), comparison.GeometricMeanGainInterval.Upper, 12);
        Assert.Equal(new[] { "latency", "throughput", "load" }, comparison.Metrics.Select(m => m.Name).ToArray());
        Assert.Equal(new[] { 0.5, 0.5, 0.25 }, comparison.Metrics.Select(m => m.Ratio).ToArray());
        Assert.Equal(
            new[] { ChangeVerdict.Improved, ChangeVerdict.Regressed, ChangeVerdict.Improved },
            comparison.Metrics.Select(m => m.Verdict).ToArray());

        static double[] Constant(double value) => Enumerable.Repeat(value, 8).ToArray();
    }

    [Fact]
    public void Geometric_mean_interval_holds_the_estimate_for_noisy_metrics()
    {
        double[] noisy = [98, 103, 100, 95, 107, 101, 99, 104, 96, 102];
        var comparison = RunComparison.Compare(
        [
            new MetricSamples("a", MetricDirection.LowerIsBetter, noisy, Scaled(noisy, 0.8)),
            new MetricSamples("b", MetricDirection.HigherIsBetter, noisy, Scaled(noisy, 1.1)),
        ]);

        // Gains 1.25 and 1.1: geometric mean √1.375.
        Assert.Equal(Math.Sqrt(1.375), comparison.GeometricMeanGain, 12);
        Assert.True(comparison.GeometricMeanGainInterval.Contains(comparison.GeometricMeanGain));
        Assert.True(comparison.GeometricMeanGainInterval.Lower > 1, $"{comparison.GeometricMeanGainInterval}");
    }

    [Fact]
    public void A_metrics_interval_depends_only_on_its_own_samples_and_the_seed()
    {
        double[] noisy = [98, 103, 100, 95, 107, 101, 99, 104, 96, 102];
        var metric = new MetricSamples("load", MetricDirection.LowerIsBetter, noisy, Scaled(noisy, 0.9));
        var other = new MetricSamples("other", MetricDirection.HigherIsBetter, noisy, noisy);

        var alone = RunComparison.Compare([metric]).Metrics[0];
        var second = RunComparison.Compare([other, metric]).Metrics[1];
        var reseeded = RunComparison.Compare([metric],
            new ComparisonSettings(bootstrap: new BootstrapSettings(seed: 12345))).Metrics[0];

        Assert.Equal(alone.RatioInterval, second.RatioInterval);
        Assert.NotEqual(alone.RatioInterval, reseeded.RatioInterval);
    }

    [Theory]
    [InlineData(-0.01, 0.05)]
    [InlineData(1.0, 0.05)]
    [InlineData(double.NaN, 0.05)]
    [InlineData(0.02, 0.0)]
    [InlineData(0.02, 1.0)]
    [InlineData(0.02, double.PositiveInfinity)]
    public void Impossible_settings_are_refused(double noiseThreshold, double significanceLevel) =>
        Assert.NotEmpty(Assert.Throws<AiTuneException>(() => new ComparisonSettings(noiseThreshold, significanceLevel)).Hint);
}
