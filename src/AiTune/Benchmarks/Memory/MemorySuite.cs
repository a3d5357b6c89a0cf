using AiTune.Benchmarks.Buffers;

namespace AiTune.Benchmarks.Memory;

/// <summary>The `memory` suite: how fast the host streams memory, and what it costs to fault fresh memory in on each
/// page size; the two things huge pages and NUMA settings change for model weights.</summary>
public static class MemorySuite
{
    public static BenchmarkSuite Suite { get; } = new("memory",
        "bandwidth (copy, triad, multi-threaded) and page-fault cost per page size (4 KiB, THP, hugetlb)",
        "Bandwidth: STREAM's copy (a[i] = b[i]) and triad (a[i] = b[i] + s×c[i]) kernels over three arrays of doubles, each "
        + "4× the host's last-level cache and at least 256 MiB (2× and 64 MiB with --quick), on base pages, allocated and "
        + "touched before timing. The loops use 256- or 128-bit vectors and plain stores, as gcc -O3 compiles stream.c. "
        + "Bytes are counted as STREAM counts them: 2 × 8 per element for copy, 3 × 8 for triad, without write-allocate "
        + "traffic. The single cases run on one thread; the multi cases on --threads threads (default: every CPU this "
        + "process may use), each owning a disjoint slice that it also first-touched, the threads started once and reused. "
        + "A repetition is as many whole passes as fill about 0.1 s; it reports GB/s in 10^9 bytes per second (STREAM "
        + "prints MB/s, 10^6, and its best pass, so expect STREAM's number / 1000 to be a few % above our median). "
        + "Page faults: each repetition maps a fresh anonymous buffer (512 MiB, 128 MiB with --quick) on base pages "
        + "(MADV_NOHUGEPAGE), transparent huge pages (MADV_HUGEPAGE) or reserved huge pages (MAP_HUGETLB, skipped unless "
        + "enough are free), writes one byte per base page and unmaps it; only the writes are timed, so each sample is "
        + "fault + page allocation + zeroing. fault-throughput is buffer bytes / time in GB/s (10^9), comparable with "
        + "perf bench mem mmap -f demand; fault-cost is nanoseconds per 4 KiB of memory whatever the page size. The THP "
        + "case notes the share of the buffer THP actually backed (AnonHugePages of smaps_rollup).",
        Create);

    private static IReadOnlyList<BenchmarkCase> Create(SuiteOptions options)
    {
        if (options.Threads is < 1)
        {
            throw new AiTuneException($"--threads must be at least 1, not {options.Threads}", "leave it out to use every CPU this process may run on");
        }

        int threads = options.Threads ?? Environment.ProcessorCount;
        long faultBytes = options.Quick ? PageFaultCase.QuickBytes : PageFaultCase.DefaultBytes;
        var cases = new List<BenchmarkCase>
        {
            new BandwidthCase(StreamKernel.Copy, 1, false, options.Quick),
            new BandwidthCase(StreamKernel.Triad, 1, false, options.Quick),
            new BandwidthCase(StreamKernel.Copy, threads, true, options.Quick),
            new BandwidthCase(StreamKernel.Triad, threads, true, options.Quick),
        };
        foreach (var backing in options.Pages ?? [PageBacking.Base, PageBacking.Thp, PageBacking.HugeTlb])
        {
            cases.Add(new PageFaultCase(backing, faultBytes));
        }

        return cases;
    }
}
