using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.QuantileEstimators;

namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// One metric's samples, summarized (the caller has already discarded warm-up). Quantiles are Hyndman–Fan type 7
/// (linear interpolation between order statistics; R's and NumPy's default), so every percentile can be checked by
/// hand; the median's interval is a percentile bootstrap. The raw samples are kept, in measurement order, because
/// they are what a run stores and what a later compare resamples.
/// </summary>
public sealed class SampleSummary
{
    private SampleSummary(double[] samples, double[] quantiles, double mean, double standardDeviation,
        ConfidenceInterval medianInterval)
    {
        Samples = samples;
        Median = quantiles[0];
        P90 = quantiles[1];
        P99 = quantiles[2];
        P999 = quantiles[3];
        Mean = mean;
        StandardDeviation = standardDeviation;
        MedianInterval = medianInterval;
        Min = samples.Min();
        Max = samples.Max();
    }

    /// <summary>The samples as measured, in order.</summary>
    public IReadOnlyList<double> Samples { get; }

    public int Count => Samples.Count;

    /// <summary>The median, which is also the 50th percentile.</summary>
    public double Median { get; }

    public double Mean { get; }

    /// <summary>Sample standard deviation (n − 1 denominator); 0 for a single sample, where no spread was seen.</summary>
    public double StandardDeviation { get; }

    /// <summary>Standard deviation over mean (0.03 is 3 %, PTS's threshold for "needs more runs").</summary>
    public double CoefficientOfVariation => StandardDeviation / Mean;

    public double Min { get; }

    public double Max { get; }

    public double P90 { get; }

    public double P99 { get; }

    /// <summary>The 99.9th percentile; with fewer than 1,000 samples it interpolates between the two largest.</summary>
    public double P999 { get; }

    /// <summary>Bootstrap confidence interval of the median.</summary>
    public ConfidenceInterval MedianInterval { get; }

    /// <summary>
    /// Summarizes <paramref name="samples"/>; throws <see cref="AiTuneException"/> when there are none or one is not a
    /// finite positive number. <paramref name="bootstrap"/> defaults to <see cref="BootstrapSettings.Default"/>.
    /// </summary>
    public static SampleSummary Create(IReadOnlyList<double> samples, BootstrapSettings? bootstrap = null)
    {
        bootstrap ??= BootstrapSettings.Default;
        double[] values = MeasuredSamples.Validated(samples, "the metric");
        double[] quantiles = HyndmanFanQuantileEstimator.Type7.Quantiles(values, [0.5, 0.9, 0.99, 0.999]);
        // Moments of the values divided by the largest, scaled back: a sum of finite values can overflow to
        // infinity (1e308 + 1e308), a sum of values at most 1 cannot.
        double scale = values.Max();
        var moments = Moments.Create(values.Select(v => v / scale).ToArray());
        double standardDeviation = values.Length == 1 ? 0 : moments.StandardDeviation * scale;
        return new SampleSummary(values, quantiles, moments.Mean * scale, standardDeviation,
            MedianBootstrap(values, bootstrap));
    }

    private static ConfidenceInterval MedianBootstrap(double[] values, BootstrapSettings bootstrap)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var resampler = new MedianResampler(sorted);
        var random = new Random(bootstrap.Seed);
        double[] replicates = new double[bootstrap.Resamples];
        for (int r = 0; r < replicates.Length; r++)
            replicates[r] = resampler.Next(random);
        return PercentileInterval.Of(replicates, bootstrap.ConfidenceLevel);
    }
}
