using System.Diagnostics;
using AiTune.Benchmarks.Buffers;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Threading;
using AiTune.Hosting;
using AiTune.Units;

namespace AiTune.Benchmarks.Memory;

/// <summary>
/// One STREAM kernel over three arrays well beyond the last-level cache, on one thread or on several threads that
/// each own a disjoint slice. Allocation, first touch and a calibration pass happen in <see cref="Prepare"/>; each
/// repetition runs as many whole passes as fill about <see cref="RepetitionSeconds"/> and reports their bytes over
/// their time.
/// </summary>
public sealed unsafe class BandwidthCase : BenchmarkCase
{
    /// <summary>Long enough that a pass's start and end signals are noise, short enough for 100 repetitions in a budget.</summary>
    public const double RepetitionSeconds = 0.1;

    /// <summary>The smallest array: beyond any one socket's L3 today, even where sysfs hides the cache sizes.</summary>
    public const long MinimumArrayBytes = 256L << 20;

    public const long QuickMinimumArrayBytes = 64L << 20;

    /// <summary>STREAM's scalar.</summary>
    private const double Scalar = 3.0;

    /// <summary>Between the arrays: each starts at a different offset within a page, so a load and a store of the
    /// same index never alias in the 4 KiB address bits (STREAM's OFFSET does the same).</summary>
    private const long ArrayGap = 1088;

    private static readonly IReadOnlyList<MetricDefinition> BandwidthMetrics = [new("bandwidth", "GB/s", MetricDirection.HigherIsBetter)];

    private readonly bool quick;
    private readonly long? arrayBytesOverride;
    private AnonymousBuffer? buffer;
    private WorkerCrew? workers;
    private Action<int>? passSlice;
    private double* a;
    private double* b;
    private double* c;
    private int passes;

    /// <param name="threads">1 for the single-threaded case; the suite's thread count for the parallel one.</param>
    /// <param name="arrayBytes">Each array's size; null for 4× the last-level cache (2× quick), at least
    /// <see cref="MinimumArrayBytes"/> (<see cref="QuickMinimumArrayBytes"/> quick).</param>
    public BandwidthCase(StreamKernel kernel, int threads, bool parallel, bool quick, long? arrayBytes = null)
        : base("memory", $"{kernel.ToString().ToLowerInvariant()}/{(parallel ? "multi" : "single")}",
            $"STREAM {kernel.ToString().ToLowerInvariant()} ({(kernel == StreamKernel.Copy ? "a[i] = b[i]" : "a[i] = b[i] + s×c[i]")}) on {threads} thread{(threads == 1 ? "" : "s")}, arrays far beyond the last-level cache",
            BandwidthMetrics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Kernel = kernel;
        Threads = threads;
        this.quick = quick;
        arrayBytesOverride = arrayBytes;
        Parameter("kernel", kernel.ToString().ToLowerInvariant());
        Parameter("threads", threads);
        Parameter("vector-bits", LoopVectors.Bits);
    }

    public StreamKernel Kernel { get; }

    public int Threads { get; }

    /// <summary>Doubles per array, known after <see cref="Prepare"/>.</summary>
    public long Elements { get; private set; }

    /// <summary>Passes per repetition, chosen by the calibration pass in <see cref="Prepare"/>.</summary>
    public int PassesPerRepetition => passes;

    /// <summary>The worker threads still running (0 for the single-threaded case and after Dispose).</summary>
    internal int LiveThreads => workers?.LiveThreads ?? 0;

    public override void Prepare(CancellationToken cancellation)
    {
        using var root = new FileSystemHostRoot("/");
        long arrayBytes = arrayBytesOverride ?? ArrayBytesForThisHost(root);
        Elements = arrayBytes / sizeof(double);
        Parameter("array-bytes", Elements * sizeof(double));
        long stride = Elements * sizeof(double) + ArrayGap;
        // Base pages whatever the THP mode, so the number does not move with a setting the fault cases measure.
        buffer = AnonymousBuffer.Allocate(3 * stride, PageBacking.Base);
        a = (double*)buffer.Pointer;
        b = (double*)(buffer.Pointer + stride);
        c = (double*)(buffer.Pointer + 2 * stride);
        Note($"3 arrays of {ByteSize.Format(Elements * sizeof(double))} on base pages, {Threads} thread{(Threads == 1 ? "" : "s")}, {LoopVectors.Bits}-bit vectors");
        if (LoopVectors.NarrowerThanThisCpu(root) is { } narrower)
        {
            Note(narrower);
        }

        long elements = Elements;
        if (Threads > 1)
        {
            workers = new WorkerCrew(Threads, "aitune stream");
            workers.Run(i => Fill(StreamLoops.Slice(elements, Threads, i)));
            passSlice = i =>
            {
                var (start, count) = StreamLoops.Slice(elements, Threads, i);
                StreamLoops.Run(Kernel, a + start, b + start, c + start, Scalar, count);
            };
        }
        else
        {
            Fill((0, elements));
        }

        cancellation.ThrowIfCancellationRequested();
        long begin = Stopwatch.GetTimestamp();
        RunPass();
        double seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        passes = (int)Math.Clamp(Math.Ceiling(RepetitionSeconds / Math.Max(seconds, 1e-6)), 1, 10_000);
    }

    public override void Measure(Span<double> values, CancellationToken cancellation)
    {
        if (buffer is null)
        {
            throw new InvalidOperationException($"{FullName} is not prepared");
        }

        long begin = Stopwatch.GetTimestamp();
        for (int pass = 0; pass < passes; pass++)
        {
            cancellation.ThrowIfCancellationRequested();
            RunPass();
        }

        double seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        values[0] = MemoryRates.GigabytesPerSecond((double)MemoryRates.StreamBytesPerPass(Kernel, Elements) * passes, seconds);
    }

    protected override void Dispose(bool disposing)
    {
        workers?.Dispose();
        buffer?.Dispose();
        buffer = null;
        base.Dispose(disposing);
    }

    private long ArrayBytesForThisHost(HostRoot root)
    {
        var cache = LastLevelCache.TotalBytes(root);
        long minimum = quick ? QuickMinimumArrayBytes : MinimumArrayBytes;
        if (!cache.TryGet(out long cacheBytes))
        {
            Note($"the last-level cache size is unknown ({cache.Reason}); arrays of {ByteSize.Format(minimum)}");
            return minimum;
        }

        return Math.Max(minimum, cacheBytes * (quick ? 2 : 4));
    }

    private void Fill((long Start, long Count) slice)
    {
        for (long i = slice.Start; i < slice.Start + slice.Count; i++)
        {
            a[i] = 1.0;
            b[i] = 2.0;
            c[i] = 1.0;
        }
    }

    private void RunPass()
    {
        if (workers is not null)
        {
            workers.Run(passSlice!);
        }
        else
        {
            StreamLoops.Run(Kernel, a, b, c, Scalar, Elements);
        }
    }
}
