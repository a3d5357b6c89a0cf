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
    public void Replicates_follow_the_exact_bootstrap_distribution(double[] sorted) =>
        AssertFollows(ExactMedianDistribution(sorted), new MedianResampler(sorted), seed: 3);

    /// <summary>Two levels against brute force: every equally likely choice of runs (with replacement), then of each
    /// chosen run's samples, its pooled median taken. Runs of different lengths make the number drawn vary.</summary>
    [Fact]
    public void Replicates_of_several_runs_follow_the_exact_two_level_bootstrap_distribution()
    {
        double[][] runs = [[1, 4], [2], [3, 5, 9]];
        AssertFollows(ExactTwoLevelMedianDistribution(runs), new MedianResampler(runs), seed: 5);
    }

    /// <summary>60,000 replicates: the standard error of a frequency is at most 0.0021, and 0.01 is almost 5 of them.</summary>
    private static void AssertFollows(Dictionary<double, double> exact, MedianResampler resampler, int seed)
    {
        var random = new Random(seed);
        const int draws = 60_000;
        var seen = new Dictionary<double, int>();
        for (int i = 0; i < draws; i++)
        {
            double median = resampler.Next(random);
            seen[median] = seen.GetValueOrDefault(median) + 1;
        }

        Assert.Subset(exact.Keys.ToHashSet(), seen.Keys.ToHashSet());
        foreach (var (median, probability) in exact)
        {
            double frequency = seen.GetValueOrDefault(median) / (double)draws;
            Assert.True(Math.Abs(frequency - probability) < 0.01,
                $"median {median}: frequency {frequency}, exact probability {probability}");
        }
    }

    [Fact]
    public void Runs_that_disagree_widen_the_interval_that_pooling_would_narrow()
    {
        // Three boots whose medians are 10, 12 and 14, each with 20 tight repetitions: pooled as 60 independent
        // samples the median looks known to a few hundredths; with the boot as the replicate it is not known to ±1.
        double[][] boots = [.. new[] { 10.0, 12.0, 14.0 }.Select(center => Enumerable.Range(0, 20).Select(i => center + 0.001 * i).ToArray())];
        double[] pooled = boots.SelectMany(b => b).Order().ToArray();

        static (double Low, double High) Interval(MedianResampler resampler)
        {
            var random = new Random(11);
            double[] replicates = Enumerable.Range(0, 4_000).Select(_ => resampler.Next(random)).Order().ToArray();
            return (replicates[100], replicates[3_899]);
        }

        var byBoot = Interval(new MedianResampler(boots));
        var asOne = Interval(new MedianResampler(pooled));
        Assert.True(asOne.High - asOne.Low < 2.1, $"pooled interval {asOne}");
        Assert.True(byBoot.Low <= 10.1 && byBoot.High >= 13.9, $"two-level interval {byBoot} should span the boots");
    }

    [Fact]
    public void A_run_without_samples_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new MedianResampler([[1.0, 2.0], []]));
        Assert.Throws<ArgumentException>(() => new MedianResampler(Array.Empty<double[]>()));
    }

    [Fact]
    public void A_single_value_always_resamples_to_itself()
    {
        var resampler = new MedianResampler([42]);
        var random = new Random(1);

        Assert.All(Enumerable.Range(0, 100).Select(_ => resampler.Next(random)), median => Assert.Equal(42, median));
    }

    private static Dictionary<double, double> ExactTwoLevelMedianDistribution(double[][] runs)
    {
        var distribution = new Dictionary<double, double>();
        int k = runs.Length;
        int choices = (int)Math.Pow(k, k);
        for (int code = 0; code < choices; code++)
        {
            var chosen = new double[k][];
            for (int i = 0, rest = code; i < k; i++, rest /= k)
                chosen[i] = runs[rest % k];
            double weight = 1.0 / choices;
            Enumerate(chosen, 0, [], weight);
        }
        return distribution;

        void Enumerate(double[][] chosen, int index, List<double> drawn, double weight)
        {
            if (index == chosen.Length)
            {
                double[] sorted = drawn.Order().ToArray();
                int n = sorted.Length;
                double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
                distribution[median] = distribution.GetValueOrDefault(median) + weight;
                return;
            }

            double[] run = chosen[index];
            int resamples = (int)Math.Pow(run.Length, run.Length);
            for (int code = 0; code < resamples; code++)
            {
                var next = new List<double>(drawn);
                for (int i = 0, rest = code; i < run.Length; i++, rest /= run.Length)
                    next.Add(run[rest % run.Length]);
                Enumerate(chosen, index + 1, next, weight / resamples);
            }
        }
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
