using System.Diagnostics;
using System.Runtime.CompilerServices;
using AiTune.Benchmarks.Buffers;
using AiTune.Interop;
using AiTune.Units;

namespace AiTune.Benchmarks.Kernel;

/// <summary>
/// The anonymous page fault on base pages: every repetition maps a fresh buffer with MADV_NOHUGEPAGE (so a host with
/// THP "always" still takes 4 KiB faults), writes one byte per page (timed: fault, page allocation, zeroing, the
/// page-table update) and unmaps it (not timed). The memory suite's fault/4k does the same on 512 MiB; this one is
/// sized for a guest, and reports per page.
/// </summary>
public sealed unsafe class BasePageFaultCase : KernelPathCase
{
    public BasePageFaultCase(int pages)
        : base("fault-4k", $"first-touch faults of {pages:N0} base pages of fresh anonymous memory (MADV_NOHUGEPAGE, so never THP), one byte written per page; ns per page",
            "ns/page", pages)
    {
    }

    public override void Prepare(CancellationToken cancellation)
    {
        if (Posix.PageSize != 4096)
        {
            Note($"base pages here are {ByteSize.Format(Posix.PageSize)}, not 4 KiB; the cost is per page");
        }
    }

    protected override long RunOperations(CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        long step = Posix.PageSize;
        using var buffer = AnonymousBuffer.Allocate(Operations * step, PageBacking.Base);
        long begin = Stopwatch.GetTimestamp();
        Touch(buffer.Pointer, Operations, step);
        return Stopwatch.GetTimestamp() - begin;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Touch(byte* p, int pages, long step)
    {
        for (int i = 0; i < pages; i++)
        {
            p[i * step] = 1;
        }
    }
}
