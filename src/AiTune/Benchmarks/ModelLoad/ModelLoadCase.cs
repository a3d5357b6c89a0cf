using System.Diagnostics;
using AiTune.Benchmarks.Buffers;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Threading;
using AiTune.Inspection.Memory;
using AiTune.Interop;
using AiTune.Models;
using AiTune.Text;
using AiTune.Units;

namespace AiTune.Benchmarks.ModelLoad;

/// <summary>
/// Loads every tensor of a model file into memory with one strategy onto one page backing, from a cold page cache
/// (or a warm one), and reports the tensor bytes per second. The clock covers what a serving stack waits for: the
/// target memory's allocation and page faults, and the reads; dropping the cache before and unmapping after are not
/// timed.
/// </summary>
public sealed unsafe class ModelLoadCase : BenchmarkCase
{
    /// <summary>The largest single read: big enough that the syscall count does not matter, small enough that one
    /// tensor of 1 GiB does not become one uninterruptible read.</summary>
    private const long ReadChunkBytes = 64L << 20;

    /// <summary>O_DIRECT offsets, lengths and buffers aligned to 4 KiB suit every logical block size up to 4 KiB.</summary>
    private const long DirectAlignment = 4096;

    private readonly ModelSource source;
    private readonly LoadStrategy strategy;
    private readonly PageBacking pages;
    private readonly bool warm;
    private readonly bool dropCaches;
    private readonly int threads;
    private readonly long directChunkBytes;
    private ModelFile? model;
    private int fd = -1;
    private bool directFallback;
    private WorkerCrew? crew;
    private double worstResidentShare;
    private double bestResidentShare = 1;
    private double leastPopulatedShare = 1;

    public ModelLoadCase(ModelSource source, LoadStrategy strategy, PageBacking pages, bool warm, bool dropCaches, int threads, long directChunkBytes)
        : base("model-load", CaseName(strategy, pages, warm), Describe(strategy, pages, warm, threads, directChunkBytes),
            [new MetricDefinition("throughput", "GB/s", MetricDirection.HigherIsBetter)])
    {
        this.source = source;
        this.strategy = strategy;
        this.pages = pages;
        this.warm = warm;
        this.dropCaches = dropCaches;
        this.threads = threads;
        this.directChunkBytes = directChunkBytes;
        source.AddUser();
        Parameter("model", source.Name);
        Parameter("file-bytes", source.ExpectedBytes);
        Parameter("strategy", Strategy(strategy));
        if (strategy != LoadStrategy.Mmap)
        {
            Parameter("pages", PagesName(pages));
        }

        Parameter("cache", warm ? "warm" : "cold");
        if (strategy == LoadStrategy.Direct)
        {
            Parameter("queue-depth", threads);
            Parameter("block-size", directChunkBytes);
        }
        else if (strategy == LoadStrategy.Parallel)
        {
            Parameter("threads", threads);
        }

        if (source.Synthetic)
        {
            Parameter("scratch", source.ScratchParent);
        }
    }

    public static string CaseName(LoadStrategy strategy, PageBacking pages, bool warm) =>
        (strategy == LoadStrategy.Mmap ? "mmap" : $"{Strategy(strategy)}/{PagesName(pages)}") + (warm ? "/warm" : "");

    public static string PagesName(PageBacking pages) => pages switch
    {
        PageBacking.Thp => "thp",
        PageBacking.HugeTlb => "hugetlb",
        _ => "4k",
    };

    private static string Strategy(LoadStrategy strategy) => strategy.ToString().ToLowerInvariant();

    private static string Describe(LoadStrategy strategy, PageBacking pages, bool warm, int threads, long chunk)
    {
        string from = warm ? "from the page cache" : "from a cold page cache";
        string into = $"into anonymous memory on {PagesName(pages)} pages";
        return strategy switch
        {
            LoadStrategy.Mmap => $"mmap of the file with MAP_POPULATE and MADV_WILLNEED, {from}; the page cache is the memory",
            LoadStrategy.Direct => $"O_DIRECT reads of {ByteSize.Format(chunk)}, {threads} in flight, {into}",
            LoadStrategy.Parallel => $"buffered pread by {threads} threads, each a contiguous 1/{threads} of the data, {from}, {into}",
            _ => $"buffered pread of each tensor in turn, {from}, {into}",
        };
    }

    public override void Prepare(CancellationToken cancellation)
    {
        // Checked before the synthetic model is written: the file's size bounds what any strategy maps or fills.
        long needed = AlignUp(source.ExpectedBytes);
        var meminfo = LiveMeminfo.Read();
        RequireMemory(meminfo, needed);
        if (strategy != LoadStrategy.Mmap && pages == PageBacking.HugeTlb)
        {
            HugePageReservation.Require(meminfo, needed);
        }

        model = source.Acquire(cancellation);
        Note(source.Describe(model));
        Parameter("format", model.Format.ToString().ToLowerInvariant());
        Parameter("tensor-bytes", model.TotalTensorBytes);
        if (source.InMemory && !warm)
        {
            Note("the file is on tmpfs: its pages cannot leave memory, so this \"cold\" load is a memory copy; put it on a disk (--scratch-dir)");
        }

        fd = OpenModel(model.Path, strategy == LoadStrategy.Direct && !source.InMemory);
        if (strategy is LoadStrategy.Direct or LoadStrategy.Parallel)
        {
            crew = new WorkerCrew(threads, "aitune load");
        }

        if (warm)
        {
            ReadThrough(cancellation);
        }
    }

    public override void Measure(Span<double> values, CancellationToken cancellation)
    {
        var file = model!;
        double resident = warm ? FilePageCache.ResidentShare(fd, file.FileSizeBytes) : Cool(file);
        worstResidentShare = Math.Max(worstResidentShare, resident);
        bestResidentShare = Math.Min(bestResidentShare, resident);

        long started = Stopwatch.GetTimestamp();
        if (strategy == LoadStrategy.Mmap)
        {
            MapAndPopulate(file);
            values[0] = file.TotalTensorBytes / Stopwatch.GetElapsedTime(started).TotalSeconds / 1e9;
            return;
        }

        long length = TargetBytes(file);
        using var target = AnonymousBuffer.Allocate(length, pages);
        switch (strategy)
        {
            case LoadStrategy.Direct:
                LoadSpans(target, AlignDown(file.DataOffsetBytes), AlignUp(file.FileSizeBytes), directChunkBytes, cancellation);
                break;
            case LoadStrategy.Parallel:
                LoadSpans(target, AlignDown(file.DataOffsetBytes), file.FileSizeBytes, ShareOf(file), cancellation);
                break;
            default:
                LoadTensors(target, file, cancellation);
                break;
        }

        values[0] = file.TotalTensorBytes / Stopwatch.GetElapsedTime(started).TotalSeconds / 1e9;
    }

    protected override void Dispose(bool disposing)
    {
        if (fd >= 0)
        {
            Posix.Close(fd);
            fd = -1;
        }

        crew?.Dispose();
        crew = null;
        source.Release();

        if (bestResidentShare < 1 || worstResidentShare > 0)
        {
            Note(warm
                ? $"resident in the page cache before each load: at least {Percent.Format(bestResidentShare, 0)}"
                : $"resident in the page cache before each load: at most {Percent.Format(worstResidentShare, 1)} (cold: fdatasync, POSIX_FADV_DONTNEED, checked with mincore)");
        }

        if (!warm && worstResidentShare > 0.05)
        {
            Note("part of the file stayed cached (another process maps or reads it?): the load was partly warm; as root, --drop-caches empties the whole page cache");
        }

        if (leastPopulatedShare < 0.999)
        {
            Note($"MAP_POPULATE left part of the file out: as little as {Percent.Format(leastPopulatedShare, 0)} resident after the mapping, so the time is too short");
        }

        if (directFallback)
        {
            Note("the filesystem refused O_DIRECT (EINVAL): measured buffered reads after dropping the file's pages instead");
        }

        base.Dispose(disposing);
    }

    /// <summary>The anonymous memory a load fills: the data section from its aligned start to the file's aligned end,
    /// so tensors land at their file offsets and O_DIRECT reads need no bounce buffer.</summary>
    private static long TargetBytes(ModelFile file) => AlignUp(file.FileSizeBytes) - AlignDown(file.DataOffsetBytes);

    private static long AlignDown(long value) => value / DirectAlignment * DirectAlignment;

    private static long AlignUp(long value) => (value + DirectAlignment - 1) / DirectAlignment * DirectAlignment;

    private long ShareOf(ModelFile file) => AlignUp((file.FileSizeBytes - AlignDown(file.DataOffsetBytes) + threads - 1) / threads);

    private double Cool(ModelFile file)
    {
        FilePageCache.Evict(fd);
        double resident = FilePageCache.ResidentShare(fd, file.FileSizeBytes);
        if (resident > 0.01 && dropCaches)
        {
            FilePageCache.DropAll();
            resident = FilePageCache.ResidentShare(fd, file.FileSizeBytes);
        }

        return resident;
    }

    private void MapAndPopulate(ModelFile file)
    {
        nuint length = (nuint)file.FileSizeBytes;
        nint mapping = Posix.Mmap(0, length, Posix.ProtRead, Posix.MapPrivate | Posix.MapPopulate, fd, 0);
        if (mapping == Posix.MapFailed)
        {
            throw new AiTuneException($"mmap of the model failed: {Posix.Describe(Posix.LastError)}", "check vm.max_map_count and the free memory");
        }

        try
        {
            Posix.Madvise(mapping, length, Posix.MadvWillNeed);
            leastPopulatedShare = Math.Min(leastPopulatedShare, FilePageCache.ResidentShare(fd, file.FileSizeBytes));
        }
        finally
        {
            Posix.Munmap(mapping, length);
        }
    }

    /// <summary>Each tensor in file order, read to its place in the target, as a loader that walks the header does.</summary>
    private void LoadTensors(AnonymousBuffer target, ModelFile file, CancellationToken cancellation)
    {
        long origin = AlignDown(file.DataOffsetBytes);
        foreach (var tensor in file.Tensors)
        {
            cancellation.ThrowIfCancellationRequested();
            ReadExactly(target.Pointer + (tensor.OffsetBytes - origin), tensor.SizeBytes, tensor.OffsetBytes, cancellation);
        }
    }

    /// <summary>[start, end) of the file in pieces of <paramref name="piece"/> bytes, claimed in order by the crew's
    /// threads, so the device always has one read per thread in flight.</summary>
    private void LoadSpans(AnonymousBuffer target, long start, long end, long piece, CancellationToken cancellation)
    {
        long cursor = start;
        crew!.Run(_ =>
        {
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                long offset = Interlocked.Add(ref cursor, piece) - piece;
                if (offset >= end)
                {
                    return;
                }

                ReadExactly(target.Pointer + (offset - start), Math.Min(piece, end - offset), offset, cancellation);
            }
        });
    }

    /// <summary>pread until <paramref name="length"/> bytes are in or the file ends (an O_DIRECT read of the last
    /// aligned block stops at the end of the file).</summary>
    private void ReadExactly(byte* destination, long length, long offset, CancellationToken cancellation)
    {
        while (length > 0)
        {
            nint got = Posix.Pread(fd, destination, (nuint)Math.Min(length, ReadChunkBytes), offset);
            if (got == 0)
            {
                return;
            }

            if (got < 0)
            {
                int errno = Posix.LastError;
                if (errno == Posix.EINTR)
                {
                    continue;
                }

                throw new AiTuneException($"reading the model at offset {offset} failed: {Posix.Describe(errno)}", "check the disk (dmesg) and the file");
            }

            destination += got;
            offset += got;
            length -= got;
            if (length > 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Reads the whole file once so that a warm load starts from the page cache.</summary>
    private void ReadThrough(CancellationToken cancellation)
    {
        using var buffer = AnonymousBuffer.Allocate(ReadChunkBytes, PageBacking.Base);
        long size = model!.FileSizeBytes;
        for (long offset = 0; offset < size; offset += ReadChunkBytes)
        {
            cancellation.ThrowIfCancellationRequested();
            nint got = Posix.Pread(fd, buffer.Pointer, (nuint)Math.Min(ReadChunkBytes, size - offset), offset);
            if (got <= 0)
            {
                break;
            }
        }
    }

    private int OpenModel(string path, bool direct)
    {
        int flags = Posix.ORdOnly | Posix.OCloExec;
        if (direct)
        {
            int directFd = Posix.Open(path, flags | Posix.ODirect);
            if (directFd >= 0)
            {
                return directFd;
            }

            if (Posix.LastError != Posix.EINVAL)
            {
                throw OpenFailure(path, Posix.LastError);
            }

            directFallback = true;
        }
        else if (strategy == LoadStrategy.Direct)
        {
            directFallback = true;
        }

        int opened = Posix.Open(path, flags);
        return opened >= 0 ? opened : throw OpenFailure(path, Posix.LastError);
    }

    private static AiTuneException OpenFailure(string path, int errno) =>
        new($"cannot open the model {DisplayText.Escape(path)}: {Posix.Describe(errno)}", "check the path and its permissions");

    /// <summary>Refuses before allocating: a load that pushes the host into reclaim or the OOM killer measures the
    /// crash, not the load, and on a serving host it takes the server down.</summary>
    private static void RequireMemory(Meminfo meminfo, long needed)
    {
        if (meminfo.Get("MemAvailable").TryGet(out long bytes) && needed > bytes * 9 / 10)
        {
            throw new AiTuneException(
                $"the load needs {ByteSize.Format(needed)} of memory and only {ByteSize.Format(bytes)} is available (MemAvailable)",
                "free memory, or measure a smaller model (--synthetic 1GiB)");
        }
    }
}
