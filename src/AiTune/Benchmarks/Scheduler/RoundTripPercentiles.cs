using Perfolizer.Mathematics.QuantileEstimators;

namespace AiTune.Benchmarks.Scheduler;

/// <summary>The one-way wake-up latency percentiles of one repetition's round trips.</summary>
public static class RoundTripPercentiles
{
    /// <summary>p50, p99 and p99.9 of round trip ÷ 2 in microseconds, from round trips in Stopwatch ticks of
    /// <paramref name="ticksPerSecond"/>; Hyndman–Fan type 7 like every other percentile aitune prints.</summary>
    public static (double P50, double P99, double P999) OneWayMicroseconds(ReadOnlySpan<long> roundTripTicks, long ticksPerSecond)
    {
        if (roundTripTicks.IsEmpty)
        {
            throw new ArgumentException("no round trips to summarize", nameof(roundTripTicks));
        }

        double scale = 1e6 / ticksPerSecond / 2;
        double[] oneWay = new double[roundTripTicks.Length];
        for (int i = 0; i < oneWay.Length; i++)
        {
            oneWay[i] = roundTripTicks[i] * scale;
        }

        double[] q = HyndmanFanQuantileEstimator.Type7.Quantiles(oneWay, [0.5, 0.99, 0.999]);
        return (q[0], q[1], q[2]);
    }
}
