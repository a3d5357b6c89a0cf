using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks.Statistics;

/// <summary>
/// Summaries of small samples whose every value is worked out by hand. Percentiles are Hyndman–Fan type 7:
/// h = (n − 1)·p (0-based), value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]); R's quantile(x, p) gives the same.
/// </summary>
public sealed class SampleSummaryTests
{
    [Fact]
    public void Even_count_interpolates_between_the_middle_values()
    {
        // Sorted: 1 1 2 3 3 4 5 5 6 9.
        var summary = SampleSummary.Create([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]);

        Assert.Equal(10, summary.Count);
        Assert.Equal(3.5, summary.Median, 12);      // h = 4.5: (3 + 4) / 2
        Assert.Equal(6.3, summary.P90, 12);         // h = 8.1: 6 + 0.1·(9 − 6)
        Assert.Equal(8.73, summary.P99, 12);        // h = 8.91: 6 + 0.91·3
        Assert.Equal(8.973, summary.P999, 12);      // h = 8.991: 6 + 0.991·3
        Assert.Equal(3.9, summary.Mean, 12);
        Assert.Equal(Math.Sqrt(54.9 / 9), summary.StandardDeviation, 12); // Σ(x − 3.9)² = 54.9, n − 1 = 9
        Assert.Equal(Math.Sqrt(54.9 / 9) / 3.9, summary.CoefficientOfVariation, 12);
        Assert.Equal(1, summary.Min);
        Assert.Equal(9, summary.Max);
    }

    [Fact]
    public void Odd_count_takes_the_middle_value()
    {
        var summary = SampleSummary.Create([50, 10, 40, 20, 30]);

        Assert.Equal(30, summary.Median, 12);
        Assert.Equal(46, summary.P90, 12);          // h = 3.6: 40 + 0.6·10
        Assert.Equal(49.6, summary.P99, 12);
        Assert.Equal(49.96, summary.P999, 12);
        Assert.Equal(30, summary.Mean, 12);
        Assert.Equal(Math.Sqrt(250), summary.StandardDeviation, 12); // (400 + 100 + 0 + 100 + 400) / 4
    }

    [Fact]
    public void Raw_samples_are_kept_in_measurement_order_and_copied()
    {
        double[] samples = [3, 1, 2];
        var summary = SampleSummary.Create(samples);
        samples[0] = 99;

        Assert.Equal(new[] { 3.0, 1.0, 2.0 }, summary.Samples);
    }

    [Fact]
    public void Median_interval_of_two_values_spans_both()
    {
        // A resample of {1, 3} has median 1, 2 or 3 with probability 1/4, 1/2, 1/4: the 2.5 % and 97.5 % points
        // of the replicates are 1 and 3.
        var interval = SampleSummary.Create([1, 3]).MedianInterval;

        Assert.Equal(new ConfidenceInterval(1, 3, 0.95), interval);
    }

    [Fact]
    public void Median_interval_narrows_with_more_samples_of_the_same_spread()
    {
        double[] few = Enumerable.Range(0, 10).Select(i => 100.0 + i % 5).ToArray();
        double[] many = Enumerable.Range(0, 1000).Select(i => 100.0 + i % 5).ToArray();

        var fewInterval = SampleSummary.Create(few).MedianInterval;
        var manyInterval = SampleSummary.Create(many).MedianInterval;

        Assert.True(fewInterval.Contains(102) && manyInterval.Contains(102));
        Assert.True(manyInterval.HalfWidth < fewInterval.HalfWidth,
            $"{manyInterval} is not narrower than {fewInterval}");
    }

    [Fact]
    public void The_seed_makes_the_interval_reproducible()
    {
        double[] samples = [10.2, 9.7, 11.5, 10.0, 10.9, 9.1, 12.3, 10.4, 9.9, 10.6, 13.0];
        var settings = new BootstrapSettings(resamples: 2000, seed: 7);

        Assert.Equal(SampleSummary.Create(samples, settings).MedianInterval,
            SampleSummary.Create(samples, settings).MedianInterval);
    }

    [Fact]
    public void The_confidence_level_is_recorded_and_widens_the_interval()
    {
        double[] samples = Enumerable.Range(1, 40).Select(i => 100.0 + i * i % 17).ToArray();

        var ninety = SampleSummary.Create(samples, new BootstrapSettings(confidenceLevel: 0.90)).MedianInterval;
        var ninetyNine = SampleSummary.Create(samples, new BootstrapSettings(confidenceLevel: 0.99)).MedianInterval;

        Assert.Equal(0.90, ninety.Level);
        Assert.Equal(0.99, ninetyNine.Level);
        Assert.True(ninetyNine.Lower <= ninety.Lower && ninetyNine.Upper >= ninety.Upper);
    }
}
