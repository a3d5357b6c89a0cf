using System.Diagnostics;
using AiTune.Benchmarks.Buffers;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Threading;
using AiTune.Interop;
using AiTune.Text;
using AiTune.Units;

namespace AiTune.Benchmarks.Disk;

/// <summary>
/// One pass of sequential reads per repetition, with a queue depth made of threads: each of QueueDepth threads
/// takes the next block from a shared cursor and reads it with pread(2) into its own page-aligned buffer, so that
/// QueueDepth reads are in flight, in file order, as with one io_uring submitting a sequential stream.
/// </summary>
internal sealed unsafe class SequentialReadCase : BenchmarkCase
{
    /// <summary>O_DIRECT needs the length and offset aligned to the device's logical block (512 B or 4 KiB).</summary>
    private const long BlockAlignment = 4096;

    private const long LargestBlockBytes = 64L << 20;

    private const int LargestQueueDepth = 256;

    private readonly string? diskPath;
    private readonly string scratchDirectory;
    private readonly long temporaryBytes;
    private readonly long passLimitBytes;
    private DiskTarget? target;
    private AnonymousBuffer? buffers;
    private long passBytes;
    private long nextBlock;
    private long issued;
    private volatile bool stopping;

    /// <param name="temporaryBytes">The size of the temporary file written when <see cref="SuiteOptions.DiskPath"/> is null.</param>
    /// <param name="passLimitBytes">The most a repetition reads; a larger file is read on in the next repetition.</param>
    public SequentialReadCase(SuiteOptions options, long temporaryBytes, long passLimitBytes)
        : base(DiskSuite.Name, $"read-{ByteSize.Format(options.BlockSizeBytes).Replace(" ", "", StringComparison.Ordinal)}-qd{options.QueueDepth}",
            $"sequential O_DIRECT reads of {ByteSize.Format(options.BlockSizeBytes)} blocks, {options.QueueDepth} in flight, from {(options.DiskPath is { } path ? DisplayText.Escape(path) : "a temporary file")}",
            [new MetricDefinition("throughput", "GB/s", MetricDirection.HigherIsBetter)])
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temporaryBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(passLimitBytes);
        diskPath = options.DiskPath;
        scratchDirectory = options.ScratchDirectory;
        BlockBytes = options.BlockSizeBytes;
        QueueDepth = options.QueueDepth;
        this.temporaryBytes = temporaryBytes;
        this.passLimitBytes = passLimitBytes;
        Parameter("target", diskPath ?? "temporary file in " + scratchDirectory);
        Parameter("block-size", BlockBytes);
        Parameter("queue-depth", QueueDepth);
        Parameter("pass-bytes", passLimitBytes);
    }

    public long BlockBytes { get; }

    public int QueueDepth { get; }

    /// <summary>True once prepared when the reads bypass the page cache.</summary>
    public bool Direct => target?.Direct ?? false;

    public override void Prepare(CancellationToken cancellation)
    {
        if (BlockBytes <= 0 || BlockBytes % BlockAlignment != 0 || BlockBytes > LargestBlockBytes)
        {
            throw new AiTuneException($"disk: a block size of {BlockBytes} bytes cannot be read with O_DIRECT",
                $"choose a multiple of 4 KiB up to {ByteSize.Format(LargestBlockBytes)}, such as 1M (fio's bs=1m)");
        }

        if (QueueDepth is < 1 or > LargestQueueDepth)
        {
            throw new AiTuneException($"disk: a queue depth of {QueueDepth} is out of range", $"choose 1 to {LargestQueueDepth}; 32 matches fio's iodepth=32");
        }

        target = diskPath is null
            ? DiskTarget.CreateTemporary(scratchDirectory, RoundDown(temporaryBytes, BlockBytes), cancellation)
            : DiskTarget.OpenExisting(diskPath);
        passBytes = RoundDown(Math.Min(passLimitBytes, target.SizeBytes), BlockBytes);
        if (passBytes == 0)
        {
            throw new AiTuneException($"disk: {target.Description} is smaller than one {ByteSize.Format(BlockBytes)} block",
                "give --disk-path a larger file, such as a model's weights");
        }

        // Faulted in now, so that no repetition times page faults.
        buffers = AnonymousBuffer.Allocate(BlockBytes * QueueDepth, PageBacking.Base);
        buffers.Touch();

        Note($"reading {target.Description}, {ByteSize.Format(passBytes)} per repetition, with {QueueDepth} threads calling pread(2) (fio psync with numjobs, not io_uring)");
        if (target.Direct)
        {
            if (target.FileSystem is "tmpfs" or "ramfs")
            {
                Note($"{DisplayText.Escape(target.Directory)} is on {target.FileSystem}: the file is in memory, so this measures memory copies, not a disk");
            }
        }
        else
        {
            Note($"O_DIRECT not supported on {target.FileSystem} at {DisplayText.Escape(target.Directory)}; measured buffered reads after dropping the file's pages (posix_fadvise DONTNEED before each pass)");
        }
    }

    public override void Measure(Span<double> values, CancellationToken cancellation)
    {
        var file = target ?? throw new InvalidOperationException($"{FullName}: measured before it was prepared");
        if (!file.Direct && !file.DropCachedPages())
        {
            Note("posix_fadvise(DONTNEED) failed: the buffered reads may have come from the page cache");
        }

        long blocksInFile = file.SizeBytes / BlockBytes;
        long blocksInPass = passBytes / BlockBytes;
        long firstBlock = nextBlock;
        issued = -1;
        stopping = false;
        var readers = new Action[QueueDepth];
        for (int i = 0; i < QueueDepth; i++)
        {
            nint buffer = buffers!.Start + (nint)(i * BlockBytes);
            readers[i] = () => ReadBlocks(file, buffer, firstBlock, blocksInPass, blocksInFile, cancellation);
        }

        long released = WorkerThreads.Run(FullName, readers, () => stopping = true, cancellation);
        double seconds = Stopwatch.GetElapsedTime(released).TotalSeconds;
        nextBlock = (firstBlock + blocksInPass) % blocksInFile;
        values[0] = passBytes / seconds / 1e9;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            target?.Dispose();
            target = null;
            buffers?.Dispose();
            buffers = null;
        }

        base.Dispose(disposing);
    }

    private void ReadBlocks(DiskTarget file, nint buffer, long firstBlock, long blocksInPass, long blocksInFile, CancellationToken cancellation)
    {
        while (!stopping)
        {
            cancellation.ThrowIfCancellationRequested();
            long index = Interlocked.Increment(ref issued);
            if (index >= blocksInPass)
            {
                return;
            }

            long offset = (firstBlock + index) % blocksInFile * BlockBytes;
            for (long done = 0; done < BlockBytes;)
            {
                nint n = Posix.Pread(file.Descriptor, (byte*)buffer + done, (nuint)(BlockBytes - done), offset + done);
                if (n > 0)
                {
                    done += n;
                    continue;
                }

                int errno = n == 0 ? 0 : Posix.LastError;
                if (errno == Posix.EINTR)
                {
                    continue;
                }

                throw n == 0
                    ? new AiTuneException($"disk: {file.Description} ended at {offset + done} bytes while being read", "a file that shrinks while it is measured gives no meaningful number; measure a file nothing writes")
                    : new AiTuneException($"disk: reading {file.Description} at byte {offset + done} failed: {Posix.Describe(errno)}", "check the device for I/O errors (dmesg)");
            }
        }
    }

    private static long RoundDown(long value, long multiple) => value / multiple * multiple;
}
