using AiTune.Benchmarks.Scheduler;
using CsCheck;

namespace AiTune.Tests.Benchmarks.Scheduler;

public sealed class RoundTripPercentilesTests
{
    [Fact]
    public void One_way_is_half_the_round_trip_in_microseconds()
    {
        // 1,000 round trips of 10 µs each at a 1 GHz tick: every percentile is 5 µs one way.
        long[] ticks = Enumerable.Repeat(10_000L, 1000).ToArray();

        var (p50, p99, p999) = RoundTripPercentiles.OneWayMicroseconds(ticks, 1_000_000_000);

        Assert.Equal((5.0, 5.0, 5.0), (p50, p99, p999));
    }

    [Fact]
    public void Percentiles_interpolate_between_order_statistics()
    {
        // Round trips of 2, 4, …, 2000 µs at a 1 MHz tick: one way 1 … 1000 µs. Type 7: h = (n − 1) p + 1.
        long[] ticks = Enumerable.Range(1, 1000).Select(i => 2L * i).ToArray();

        var (p50, p99, p999) = RoundTripPercentiles.OneWayMicroseconds(ticks, 1_000_000);

        Assert.Equal(500.5, p50, 9);
        Assert.Equal(990.01, p99, 9);
        Assert.Equal(999.001, p999, 9);
    }

    [Fact]
    public void Percentiles_are_ordered_for_any_round_trips()
    {
        Gen.Long[1, 10_000_000].Array[1, 3000].Sample(ticks =>
        {
            var (p50, p99, p999) = RoundTripPercentiles.OneWayMicroseconds(ticks, 1_000_000_000);
            return p50 > 0 && p50 <= p99 && p99 <= p999 && p999 <= ticks.Max() / 2000.0 + 1e-9;
        });
    }

    [Fact]
    public void No_round_trips_is_a_caller_error()
    {
        Assert.Throws<ArgumentException>(() => RoundTripPercentiles.OneWayMicroseconds([], 1_000_000_000));
    }
}
