using AiTune.Benchmarks.Statistics;
using CsCheck;

namespace AiTune.Tests.Benchmarks.Statistics;

/// <summary>
/// Empty, single, non-finite, zero, negative and all-equal samples: a clear AiTuneException naming the metric and
/// the sample, or a defined result; never another exception, a NaN, or a hang.
/// </summary>
public sealed class HostileSampleTests
{
    public static TheoryData<double> Unusable => new() { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -1, -0.0 };

    [Fact]
    public void No_samples_cannot_be_summarized()
    {
        var error = Assert.Throws<AiTuneException>(() => SampleSummary.Create([]));

        Assert.Equal("the metric has no samples", error.Message);
        Assert.Contains("finite positive", error.Hint);
    }

    [Theory]
    [MemberData(nameof(Unusable))]
    public void A_value_that_is_not_a_finite_positive_number_is_named(double bad)
    {
        var error = Assert.Throws<AiTuneException>(() => SampleSummary.Create([1, 2, bad, 4]));

        Assert.StartsWith("the metric: sample 3 of 4 is ", error.Message);
    }

    [Theory]
    [MemberData(nameof(Unusable))]
    public void A_comparison_names_the_metric_and_the_side(double bad)
    {
        var error = Assert.Throws<AiTuneException>(() => RunComparison.Compare(
            [new MetricSamples("wake-up p99", MetricDirection.LowerIsBetter, [1, 2], [bad])]));

        Assert.StartsWith("metric 'wake-up p99', candidate: sample 1 of 1 is ", error.Message);
    }

    [Fact]
    public void An_empty_side_is_refused()
    {
        var error = Assert.Throws<AiTuneException>(() => RunComparison.Compare(
            [new MetricSamples("load", MetricDirection.LowerIsBetter, [], [1.0])]));

        Assert.Equal("metric 'load', baseline has no samples", error.Message);
    }

    [Fact]
    public void No_metrics_a_missing_name_or_a_repeated_name_is_refused()
    {
        var metric = new MetricSamples("load", MetricDirection.LowerIsBetter, [1.0], [1.0]);

        Assert.Equal("there are no metrics to compare",
            Assert.Throws<AiTuneException>(() => RunComparison.Compare([])).Message);
        Assert.Equal("metric 1 of the compare has no name",
            Assert.Throws<AiTuneException>(() => RunComparison.Compare([metric with { Name = " " }])).Message);
        Assert.Equal("metric 'load' appears twice in the compare",
            Assert.Throws<AiTuneException>(() => RunComparison.Compare([metric, metric])).Message);
    }

    [Fact]
    public void One_sample_has_a_defined_summary()
    {
        var summary = SampleSummary.Create([2.5]);

        Assert.Equal(1, summary.Count);
        Assert.Equal(2.5, summary.Median);
        Assert.Equal(2.5, summary.P999);
        Assert.Equal(2.5, summary.Mean);
        Assert.Equal(0, summary.StandardDeviation);
        Assert.Equal(0, summary.CoefficientOfVariation);
        Assert.Equal(new ConfidenceInterval(2.5, 2.5, 0.95), summary.MedianInterval);
    }

    [Fact]
    public void One_sample_each_compares_to_undecidable()
    {
        var metric = RunComparison.Compare([new MetricSamples("m", MetricDirection.LowerIsBetter, [10.0], [5.0])])
            .Metrics[0];

        Assert.Equal(0.5, metric.Ratio);
        Assert.Equal(1, metric.PValue);
        Assert.Equal(ChangeVerdict.Undecidable, metric.Verdict);
    }

    [Fact]
    public void All_equal_samples_have_a_defined_summary_and_comparison()
    {
        double[] same = Enumerable.Repeat(7.0, 12).ToArray();

        var summary = SampleSummary.Create(same);
        var runs = same.Select(v => (IReadOnlyList<double>)[v]).ToList();
        var metric = RunComparison.Compare([new MetricSamples("m", MetricDirection.HigherIsBetter, runs, runs)])
            .Metrics[0];

        Assert.Equal(0, summary.StandardDeviation);
        Assert.Equal(0, summary.CoefficientOfVariation);
        Assert.Equal(new ConfidenceInterval(7, 7, 0.95), summary.MedianInterval);
        Assert.Equal(1, metric.PValue);
        Assert.Equal(new ConfidenceInterval(1, 1, 0.95), metric.RatioInterval);
        Assert.Equal(ChangeVerdict.NoSignificantChange, metric.Verdict);
        Assert.Equal(RepetitionOutcome.TargetMet, RepetitionRule.Decide(same).Outcome);
    }

    [Theory]
    [InlineData(0.0, 10_000)]
    [InlineData(1.0, 10_000)]
    [InlineData(double.NaN, 10_000)]
    [InlineData(0.95, 999)]
    [InlineData(0.95, 1_000_001)]
    public void Impossible_bootstrap_settings_are_refused(double level, int resamples) =>
        Assert.NotEmpty(Assert.Throws<AiTuneException>(() => new BootstrapSettings(level, resamples)).Hint);

    [Fact]
    public void Any_doubles_summarize_or_fail_cleanly() =>
        Gen.OneOf(Gen.Double, Gen.Double[1e300, double.MaxValue], Gen.OneOfConst(0.0, double.NaN, double.MaxValue)).Array[0, 20].Sample(samples =>
        {
            bool usable = samples.Length > 0 && samples.All(v => double.IsFinite(v) && v > 0);
            try
            {
                var summary = SampleSummary.Create(samples, new BootstrapSettings(resamples: 1000));
                return usable && new[]
                {
                    summary.Median, summary.Mean, summary.StandardDeviation, summary.CoefficientOfVariation,
                    summary.P999, summary.MedianInterval.Lower, summary.MedianInterval.Upper,
                }.All(double.IsFinite);
            }
            catch (AiTuneException)
            {
                return !usable;
            }
        }, iter: 300);
}
