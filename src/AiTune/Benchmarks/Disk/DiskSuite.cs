namespace AiTune.Benchmarks.Disk;

/// <summary>How fast the disk that holds model weights delivers them: sequential O_DIRECT reads at a queue depth.</summary>
public static class DiskSuite
{
    public const string Name = "disk";

    /// <summary>The temporary file written when no --disk-path is given, and the most one repetition reads: 1 GiB.</summary>
    public const long PassBytes = 1L << 30;

    public const long QuickPassBytes = 256L << 20;

    public static BenchmarkSuite Suite { get; } = new(Name,
        "sequential read throughput with O_DIRECT at a queue depth",
        "Reads one file sequentially: the file or block device given with --disk-path (opened read-only, never written; a directory, FIFO, "
        + "socket or character device is refused), or else a temporary file of 1 GiB (256 MiB with --quick) in the scratch directory "
        + "(default /var/tmp), filled with random bytes so that no file system can compress or skip it, flushed with fdatasync and unlinked "
        + "as soon as it is open, so that nothing is left behind even when aitune is killed. Each repetition reads one pass of up to 1 GiB "
        + "(256 MiB with --quick; a larger file is read on where the previous pass stopped) with O_DIRECT, bypassing the page cache, in "
        + "blocks of the block size (1 MiB) into page-aligned buffers, with the queue depth (32) of reads in flight: that many threads, each "
        + "calling pread(2) on the next block from a shared cursor. That is fio's psync engine with numjobs threads sharing one sequential "
        + "stream, not io_uring; compare with fio --rw=read --direct=1 --bs=1m --ioengine=io_uring --iodepth=32 (jobs[0].read.bw_bytes), "
        + "which should agree within a few percent unless the CPU, not the device, is the limit. Throughput is the bytes read over the pass's "
        + "wall time, from the release of the threads to the last one finished, in GB/s = 10^9 bytes per second (fio prints bw in KiB/s and "
        + "MiB/s, and bw_bytes in bytes per second). Where the file system refuses O_DIRECT, the case reads through the page cache after "
        + "dropping the file's pages with posix_fadvise(POSIX_FADV_DONTNEED) before each pass (fio's invalidate=1), and says so in a note.",
        CreateCases);

    private static IReadOnlyList<BenchmarkCase> CreateCases(SuiteOptions options)
    {
        long bytes = options.Quick ? QuickPassBytes : PassBytes;
        return [new SequentialReadCase(options, bytes, bytes)];
    }
}
