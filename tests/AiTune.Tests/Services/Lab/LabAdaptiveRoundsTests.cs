using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using AiTune.Services.Lab;

namespace AiTune.Tests.Services.Lab;

/// <summary>The time measure adds rounds while a kernel's boots disagree, and stops once they agree.</summary>
public class LabAdaptiveRoundsTests
{
    private static BenchmarkRun Run(params double[] samples) => AiTune.Tests.Benchmarks.BenchmarkRunSamples.Create("lab", ("kernel", "unix-rr", "cost", MetricDirection.LowerIsBetter, samples));

    [Fact]
    public void The_coefficient_of_variation_is_the_sample_deviation_over_the_mean()
    {
        Assert.Equal(0, LabAdaptiveRounds.CoefficientOfVariation([5.0]));
        Assert.Equal(0, LabAdaptiveRounds.CoefficientOfVariation([2.0, 2.0, 2.0]));
        Assert.Equal(Math.Sqrt(2) / 2, LabAdaptiveRounds.CoefficientOfVariation([1.0, 3.0]), 12);
    }

    [Fact]
    public void Boots_that_agree_need_no_more_rounds_and_boots_that_disagree_do()
    {
        IReadOnlyList<BenchmarkRun> agreeing = [Run(100, 101), Run(100.5, 101), Run(99.8, 100)];
        IReadOnlyList<BenchmarkRun> scattered = [Run(100, 100), Run(110, 110), Run(92, 92)];

        Assert.False(LabAdaptiveRounds.NeedMore([agreeing, agreeing]));
        Assert.True(LabAdaptiveRounds.NeedMore([agreeing, scattered]));
        Assert.True(LabAdaptiveRounds.NeedMore([agreeing, [Run(100)]]));
    }
}
