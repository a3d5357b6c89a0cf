using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using AiTune.Benchmarks.Buffers;
using AiTune.Benchmarks.Statistics;
using AiTune.Hosting;
using AiTune.Inspection.Memory;
using AiTune.Interop;
using AiTune.Units;

namespace AiTune.Benchmarks.Memory;

/// <summary>
/// The cost of faulting fresh anonymous memory in, per page size: every repetition maps a new buffer (not timed),
/// writes one byte per base page (timed: each first touch is a fault, a page allocation and its zeroing), and unmaps
/// it (not timed). This is <c>perf bench mem mmap -f demand</c>'s workload, and what a serving stack pays the first
/// time it writes a freshly allocated tensor.
/// </summary>
public sealed unsafe class PageFaultCase : BenchmarkCase
{
    public const long DefaultBytes = 512L << 20;

    public const long QuickBytes = 128L << 20;

    /// <summary>Below this share of the buffer on huge pages, the THP case is measuring mostly base pages.</summary>
    private const double ThpBackedEnough = 0.9;

    /// <summary>Between cancellation checks while touching: a few milliseconds of faults.</summary>
    private const long CancellationStride = 16L << 20;

    private static readonly IReadOnlyList<MetricDefinition> FaultMetrics =
    [
        new("fault-throughput", "GB/s", MetricDirection.HigherIsBetter),
        new("fault-cost", "ns/4KiB", MetricDirection.LowerIsBetter),
    ];

    private double lowestThpShare = double.MaxValue;
    private double highestThpShare = double.MinValue;
    private string? thpShareUnknown;

    public PageFaultCase(PageBacking backing, long bytes)
        : base("memory", $"fault/{PageName(backing)}",
            $"first-touch faults of a fresh {ByteSize.Format(bytes)} anonymous mapping on {Describe(backing)}, one byte written per base page",
            FaultMetrics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, Posix.PageSize);
        Backing = backing;
        Bytes = bytes;
        Parameter("pages", PageName(backing));
        Parameter("buffer-bytes", bytes);
    }

    public PageBacking Backing { get; }

    /// <summary>The buffer faulted in per repetition; rounded up to whole huge pages for hugetlb in <see cref="Prepare"/>.</summary>
    public long Bytes { get; private set; }

    /// <summary>The case name's page part, as --pages spells it: 4k, thp, hugetlb.</summary>
    public static string PageName(PageBacking backing) => backing switch
    {
        PageBacking.Base => "4k",
        PageBacking.Thp => "thp",
        _ => "hugetlb",
    };

    public override void Prepare(CancellationToken cancellation)
    {
        using var root = new FileSystemHostRoot("/");
        switch (Backing)
        {
            case PageBacking.Base when Posix.PageSize != 4096:
                Note($"base pages here are {ByteSize.Format(Posix.PageSize)}, not 4 KiB; the cost is still given per 4 KiB");
                break;
            case PageBacking.Thp:
                PrepareThp(root);
                break;
            case PageBacking.HugeTlb:
                PrepareHugeTlb(root);
                break;
        }
    }

    public override void Measure(Span<double> values, CancellationToken cancellation)
    {
        using var root = Backing == PageBacking.Thp ? new FileSystemHostRoot("/") : null;
        long anonHugeBefore = root is null ? 0 : AnonHugePages(root) ?? -1;
        using var buffer = AnonymousBuffer.Allocate(Bytes, Backing);
        byte* p = buffer.Pointer;
        long step = Posix.PageSize;
        long begin = Stopwatch.GetTimestamp();
        for (long chunk = 0; chunk < Bytes; chunk += CancellationStride)
        {
            cancellation.ThrowIfCancellationRequested();
            Touch(p, chunk, Math.Min(Bytes, chunk + CancellationStride), step);
        }

        double seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        if (root is not null)
        {
            RecordThpShare(root, anonHugeBefore);
        }

        values[0] = MemoryRates.GigabytesPerSecond(Bytes, seconds);
        values[1] = MemoryRates.NanosecondsPerFaultUnit(Bytes, seconds);
    }

    /// <summary>The share of each buffer THP actually backed, once for the case: the runner reads the notes after
    /// disposing.</summary>
    protected override void Dispose(bool disposing)
    {
        if (thpShareUnknown is not null)
        {
            Note($"whether THP backed the buffer is unknown: {thpShareUnknown}");
        }
        else if (lowestThpShare <= highestThpShare)
        {
            Note(lowestThpShare < ThpBackedEnough
                ? $"THP backed only {Percent(lowestThpShare)} to {Percent(highestThpShare)} of the buffer (AnonHugePages in /proc/self/smaps_rollup): the rest are base pages, fragmented memory or THP defrag settings"
                : $"THP backed {Percent(lowestThpShare)} to {Percent(highestThpShare)} of the buffer (AnonHugePages in /proc/self/smaps_rollup)");
        }

        base.Dispose(disposing);
    }

    /// <summary>One byte written per page of [from, to): optimized from the first call, as a C loop would be.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Touch(byte* p, long from, long to, long step)
    {
        for (long offset = from; offset < to; offset += step)
        {
            p[offset] = 1;
        }
    }

    private static string Describe(PageBacking backing) => backing switch
    {
        PageBacking.Base => "base pages (MADV_NOHUGEPAGE)",
        PageBacking.Thp => "transparent huge pages (MADV_HUGEPAGE, 2 MiB aligned)",
        _ => "reserved huge pages (MAP_HUGETLB)",
    };

    private static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture);

    private void PrepareThp(HostRoot root)
    {
        var thp = MemoryInspector.ReadThp(root);
        if (!thp.TryGet(out var settings))
        {
            Note($"the THP mode is unknown ({thp.Reason})");
            return;
        }

        if (settings.Enabled.ValueOrDefault == "never")
        {
            Note("THP is off (/sys/kernel/mm/transparent_hugepage/enabled is never): this case measures base pages");
        }
    }

    private void PrepareHugeTlb(HostRoot root)
    {
        var meminfo = root.ReadText("/proc/meminfo").Map(text => MeminfoParser.Parse(text, "/proc/meminfo"));
        if (!meminfo.TryGet(out var fields))
        {
            throw new AiTuneException($"hugetlb: cannot read /proc/meminfo: {meminfo.Reason}", "run on a host where /proc is mounted");
        }

        var (pageBytes, pages) = HugePageReservation.Require(fields, Bytes);
        Bytes = pages * pageBytes;
        Note($"{pages} huge pages of {ByteSize.Format(pageBytes)}");
    }

    private void RecordThpShare(HostRoot root, long anonHugeBefore)
    {
        long? after = AnonHugePages(root);
        if (anonHugeBefore < 0 || after is null)
        {
            thpShareUnknown = $"/proc/{Environment.ProcessId}/smaps_rollup has no readable AnonHugePages line";
            return;
        }

        double share = Math.Clamp((double)(after.Value - anonHugeBefore) / Bytes, 0, 1);
        lowestThpShare = Math.Min(lowestThpShare, share);
        highestThpShare = Math.Max(highestThpShare, share);
    }

    /// <summary>This process's anonymous memory on transparent huge pages, in bytes.</summary>
    private static long? AnonHugePages(HostRoot root)
    {
        string path = $"/proc/{Environment.ProcessId}/smaps_rollup";
        return root.ReadText(path).Bind(text => MeminfoParser.Parse(text, path).Get("AnonHugePages")).TryGet(out long bytes) ? bytes : null;
    }
}
