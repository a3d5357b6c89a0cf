using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks.Statistics;

/// <summary>
/// The counting resampler against brute force: every one of the nⁿ equally likely resamples of a small sample,
/// sorted and its type-7 median taken, gives the exact distribution the replicates must follow.
/// </summary>
public sealed class MedianResamplerTests
{
    [Theory]
    [InlineData(new double[] { 1, 2, 3 })]
    [InlineData(new double[] { 1, 2, 3, 4 })]
    [InlineData(new double[] { 2, 3, 5, 7, 11 })]
    public void Replicates_follow_the_exact_bootstrap_distribution(double[] sorted)
    {
        var exact = ExactMedianDistribution(sorted);
        var resampler = new MedianResampler(sorted);
        var random = new Random(3);
        const int draws = 40_000;
        var seen = new Dictionary<double, int>();
        for (int i = 0; i < draws; i++)
        {
            double median = resampler.Next(random);
            seen[median] = seen.GetValueOrDefault(median) + 1;
        }

        Assert.Subset(exact.Keys.ToHashSet(), seen.Keys.ToHashSet());
        foreach (var (median, probability) in exact)
        {
            // 40,000 draws: the standard error of a frequency is at most 0.0025; 0.012 is almost 5 of them.
            double frequency = seen.GetValueOrDefault(median) / (double)draws;
            Assert.True(Math.Abs(frequency - probability) < 0.012,
                $"median {median}: frequency {frequency}, exact probability {probability}");
        }
    }

    [Fact]
    public void A_single_value_always_resamples_to_itself()
    {
        var resampler = new MedianResampler([42]);
        var random = new Random(1);

        Assert.All(Enumerable.Range(0, 100).Select(_ => resampler.Next(random)), median => Assert.Equal(42, median));
    }

    private static Dictionary<double, double> ExactMedianDistribution(double[] sorted)
    {
        int n = sorted.Length;
        int total = (int)Math.Pow(n, n);
        var distribution = new Dictionary<double, double>();
        for (int code = 0; code < total; code++)
        {
            double[] resample = new double[n];
            for (int i = 0, rest = code; i < n; i++, rest /= n)
                resample[i] = sorted[rest % n];
            Array.Sort(resample);
            double median = n % 2 == 1 ? resample[n / 2] : (resample[n / 2 - 1] + resample[n / 2]) / 2;
            distribution[median] = distribution.GetValueOrDefault(median) + 1.0 / total;
        }
        return distribution;
    }
}
