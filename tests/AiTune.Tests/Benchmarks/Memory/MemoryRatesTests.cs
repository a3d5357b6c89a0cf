using AiTune.Benchmarks.Memory;
using CsCheck;

namespace AiTune.Tests.Benchmarks.Memory;

public sealed class MemoryRatesTests
{
    [Fact]
    public void Copy_is_credited_with_one_read_and_one_write_of_eight_bytes_per_element()
    {
        Assert.Equal(2L * 8 * 1_000_000, MemoryRates.StreamBytesPerPass(StreamKernel.Copy, 1_000_000));
    }

    [Fact]
    public void Triad_is_credited_with_two_reads_and_one_write_of_eight_bytes_per_element()
    {
        Assert.Equal(3L * 8 * 1_000_000, MemoryRates.StreamBytesPerPass(StreamKernel.Triad, 1_000_000));
    }

    [Fact]
    public void Gigabytes_are_decimal_as_in_stream_and_perf_bench()
    {
        // STREAM: 10M-element triad (240,000,000 bytes) in 0.012 s prints 20000.0 MB/s, which is 20 GB/s.
        double bytes = MemoryRates.StreamBytesPerPass(StreamKernel.Triad, 10_000_000);
        Assert.Equal(20.0, MemoryRates.GigabytesPerSecond(bytes, 0.012), 9);
        // 1 GiB in one second is 1.073741824 GB/s, not 1.
        Assert.Equal(1.073741824, MemoryRates.GigabytesPerSecond(1L << 30, 1.0), 9);
    }

    [Fact]
    public void Fault_cost_is_per_four_kibibytes_of_memory_whatever_the_page_size()
    {
        // 512 MiB is 131,072 units of 4 KiB; faulted in 0.262144 s that is 2000 ns per unit.
        Assert.Equal(2000.0, MemoryRates.NanosecondsPerFaultUnit(512L << 20, 0.262144), 6);
        // And the throughput of the same run: 536,870,912 bytes / 0.262144 s = 2.048 GB/s.
        Assert.Equal(2.048, MemoryRates.GigabytesPerSecond(512L << 20, 0.262144), 9);
    }

    [Fact]
    public void Fault_cost_and_throughput_describe_the_same_rate()
    {
        Gen.Select(Gen.Long[4096, 1L << 40], Gen.Double[1e-6, 100]).Sample((bytes, seconds) =>
        {
            double gbps = MemoryRates.GigabytesPerSecond(bytes, seconds);
            double ns = MemoryRates.NanosecondsPerFaultUnit(bytes, seconds);
            // ns per 4096 bytes × bytes per ns = 4096.
            return Math.Abs(ns * gbps - 4096) < 1e-6 * 4096;
        });
    }
}
