using Perfolizer.Mathematics.QuantileEstimators;

namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// The percentile bootstrap interval (Efron &amp; Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13): the
/// (1 − level)/2 and (1 + level)/2 quantiles of the bootstrap replicates. Percentile rather than BCa because BCa's
/// acceleration is a jackknife estimate, and the jackknife fails for the median, a non-smooth statistic (same book,
/// ch. 11): the correction would add noise, not accuracy.
/// </summary>
internal static class PercentileInterval
{
    public static ConfidenceInterval Of(double[] replicates, double level)
    {
        double tail = (1 - level) / 2;
        double[] bounds = HyndmanFanQuantileEstimator.Type7.Quantiles(replicates, [tail, 1 - tail]);
        return new ConfidenceInterval(bounds[0], bounds[1], level);
    }
}
