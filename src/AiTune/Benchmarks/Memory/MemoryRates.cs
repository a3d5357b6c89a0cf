namespace AiTune.Benchmarks.Memory;

/// <summary>The arithmetic behind the memory suite's numbers, apart from any clock so it can be checked by hand.</summary>
public static class MemoryRates
{
    /// <summary>The unit STREAM's "MB/s" and perf bench's "GB/s" are counted in: 10^9 bytes, not 2^30.</summary>
    public const double BytesPerGigabyte = 1e9;

    /// <summary>The fault cost is given per 4 KiB of memory whatever the page size, so 4 KiB, THP and hugetlb
    /// read on one scale (a 2 MiB fault costs one fault per 512 of these).</summary>
    public const long FaultUnitBytes = 4096;

    /// <summary>Bytes one pass of <paramref name="kernel"/> over <paramref name="elements"/> doubles is credited with,
    /// as STREAM counts them: the arrays read and written, without the write-allocate reads a CPU also does (those
    /// make real DRAM traffic 1.5× copy's count and 1.33× triad's).</summary>
    public static long StreamBytesPerPass(StreamKernel kernel, long elements) =>
        elements * sizeof(double) * (kernel == StreamKernel.Copy ? 2 : 3);

    /// <summary>Bytes per second in GB/s (10^9).</summary>
    public static double GigabytesPerSecond(double bytes, double seconds) => bytes / seconds / BytesPerGigabyte;

    /// <summary>Nanoseconds per 4 KiB of memory faulted in.</summary>
    public static double NanosecondsPerFaultUnit(long bytes, double seconds) => seconds * 1e9 / ((double)bytes / FaultUnitBytes);
}
