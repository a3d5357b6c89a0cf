using System.Diagnostics;
using System.Runtime.CompilerServices;
using AiTune.Interop;

namespace AiTune.Benchmarks.Kernel;

/// <summary>The cheapest complete system call, getppid(2), in a tight loop: kernel entry and exit, with whatever the
/// kernel adds to every crossing (speculation mitigations, syscall auditing, seccomp, context tracking).</summary>
public sealed class SyscallCase(int operations) : KernelPathCase("syscall",
    $"{operations:N0} getppid(2) system calls in a tight loop; ns per call (entry, exit and the mitigations every crossing pays)",
    "ns/op", operations)
{
    protected override long RunOperations(CancellationToken cancellation)
    {
        long begin = Stopwatch.GetTimestamp();
        for (int done = 0; done < Operations; done += KernelSuite.CancellationStride)
        {
            cancellation.ThrowIfCancellationRequested();
            Loop(Math.Min(KernelSuite.CancellationStride, Operations - done));
        }

        return Stopwatch.GetTimestamp() - begin;
    }

    /// <summary>Optimized from the first call, as a C loop would be: under tiering its first repetitions would
    /// otherwise add unoptimized loop code to every call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Loop(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _ = Posix.GetParentPid();
        }
    }
}
