using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks.Statistics;

public sealed class RunComparisonTests
{
    /// <summary>Ten values within 0.5 % of 100: low noise, no ties.</summary>
    private static readonly double[] Steady = Enumerable.Range(0, 10).Select(i => 99.75 + 0.05 * i).ToArray();

    private static double[] Scaled(double[] values, double factor) => values.Select(v => v * factor).ToArray();

    private static MetricComparison CompareOne(MetricDirection direction, double[] baseline, double[] candidate,
        ComparisonSettings? settings = null) =>
        RunComparison.Compare([new MetricSamples("m", direction, baseline, candidate)], settings).Metrics.Single();

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
    public void A_large_change_without_significance_is_no_change()
    {
        // Three values each, all candidate values below all baseline values: the smallest possible exact two-sided
        // p-value for 3 + 3 samples is 2 / C(6, 3) = 0.1, never below 0.05.
        var result = CompareOne(MetricDirection.LowerIsBetter, [100, 101, 102], [50, 51, 52]);

        Assert.Equal(0.1, result.PValue, 12);
        Assert.Equal(ChangeVerdict.NoSignificantChange, result.Verdict);
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
            new MetricSamples("load", MetricDirection.LowerIsBetter, baseline, halved),
            new MetricSamples("wake-up", MetricDirection.LowerIsBetter, baseline, halved),
        ]);

        Assert.Equal(2 / 70.0, alone.AdjustedPValue, 12);
        Assert.Equal(ChangeVerdict.Improved, alone.Verdict);
        Assert.All(together.Metrics, metric =>
        {
            Assert.Equal(2 / 70.0, metric.PValue, 12);
            Assert.Equal(4 / 70.0, metric.AdjustedPValue, 12);
            Assert.Equal(ChangeVerdict.NoSignificantChange, metric.Verdict);
        });
    }

    [Fact]
    public void Geometric_mean_of_known_gains()
    {
        // Constant samples make every bootstrap replicate exact. Gains (above 1 is better): latency 100 → 50 is 2,
        // throughput 100 → 50 is 0.5, latency 400 → 100 is 4; geometric mean ∛(2 · 0.5 · 4) = ∛4.
        var comparison = RunComparison.Compare(
        [
            new MetricSamples("latency", MetricDirection.LowerIsBetter, Constant(100), Constant(50)),
            new MetricSamples("throughput", MetricDirection.HigherIsBetter, Constant(100), Constant(50)),
            new MetricSamples("load", MetricDirection.LowerIsBetter, Constant(400), Constant(100)),
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
