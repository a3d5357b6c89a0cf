using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks.Statistics;

public sealed class RepetitionRuleTests
{
    private static readonly RepetitionSettings TwoPercent = new(targetRelativeHalfWidth: 0.02, minimumCount: 10,
        maximumCount: 50);

    [Fact]
    public void Below_the_minimum_it_continues_however_tight_the_samples()
    {
        var decision = RepetitionRule.Decide(Enumerable.Repeat(5.0, 9).ToArray(), TwoPercent);

        Assert.Equal(RepetitionOutcome.Continue, decision.Outcome);
        Assert.False(decision.ShouldStop);
        Assert.Equal(0, decision.RelativeHalfWidth);
        Assert.Equal(9, decision.Summary.Count);
    }

    [Fact]
    public void At_the_minimum_a_tight_median_stops()
    {
        // 100 ± 0.1 %: every resample median lies within 0.1 % of 100.
        double[] samples = Enumerable.Range(0, 10).Select(i => 99.9 + 0.02 * i).ToArray();

        var decision = RepetitionRule.Decide(samples, TwoPercent);

        Assert.Equal(RepetitionOutcome.TargetMet, decision.Outcome);
        Assert.True(decision.ShouldStop);
        Assert.InRange(decision.RelativeHalfWidth, 0, 0.001);
    }

    [Fact]
    public void A_wide_median_continues_and_reports_how_wide()
    {
        // Half the samples at 50, half at 150: resample medians swing between the two.
        double[] samples = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 50.0 : 150.0).ToArray();

        var decision = RepetitionRule.Decide(samples, TwoPercent);

        Assert.Equal(RepetitionOutcome.Continue, decision.Outcome);
        Assert.Equal(decision.Summary.MedianInterval.HalfWidth / decision.Summary.Median, decision.RelativeHalfWidth);
        Assert.True(decision.RelativeHalfWidth > 0.2, $"relative half-width {decision.RelativeHalfWidth}");
    }

    [Fact]
    public void At_the_maximum_a_wide_median_stops_without_meeting_the_target()
    {
        double[] samples = Enumerable.Range(0, 50).Select(i => i % 2 == 0 ? 50.0 : 150.0).ToArray();

        var decision = RepetitionRule.Decide(samples, TwoPercent);

        Assert.Equal(RepetitionOutcome.MaximumReached, decision.Outcome);
        Assert.True(decision.ShouldStop);
        Assert.True(decision.RelativeHalfWidth > 0.02);
    }

    [Fact]
    public void The_target_decides_between_stopping_and_continuing()
    {
        // Median 100, spread ±5 %: the interval's relative half-width lies between 0.1 % and 5 %.
        double[] samples = Enumerable.Range(0, 30).Select(i => 95.0 + i % 11).ToArray();
        double width = RepetitionRule.Decide(samples).RelativeHalfWidth;
        Assert.InRange(width, 0.001, 0.05);

        var loose = new RepetitionSettings(targetRelativeHalfWidth: width * 1.01);
        var strict = new RepetitionSettings(targetRelativeHalfWidth: width * 0.99);

        Assert.Equal(RepetitionOutcome.TargetMet, RepetitionRule.Decide(samples, loose).Outcome);
        Assert.Equal(RepetitionOutcome.Continue, RepetitionRule.Decide(samples, strict).Outcome);
    }

    [Theory]
    [InlineData(0.0, 10, 100)]
    [InlineData(-0.01, 10, 100)]
    [InlineData(1.0, 10, 100)]
    [InlineData(double.NaN, 10, 100)]
    [InlineData(0.02, 2, 100)]
    [InlineData(0.02, 10, 9)]
    public void Impossible_settings_are_refused(double target, int minimum, int maximum)
    {
        var error = Assert.Throws<AiTuneException>(() => new RepetitionSettings(target, minimum, maximum));

        Assert.NotEmpty(error.Hint);
    }
}
