using System.Runtime.Intrinsics;
using AiTune.Hosting;
using AiTune.Inspection.Cpu;

namespace AiTune.Benchmarks.Memory;

/// <summary>
/// How wide the vectors in <see cref="StreamLoops"/> are in this build, and whether the CPU could go wider. NativeAOT
/// fixes the instruction set at compile time: the published binary targets baseline x86-64, so its loops use 128-bit
/// vectors even on a CPU with AVX2 (NativeAOT cannot switch to AVX at run time). On some CPUs one thread then moves
/// noticeably less: on the development VM's AMD EPYC the same triad loop in C moved 17 GB/s with 128-bit vectors and
/// 25 GB/s with 256-bit ones (docs/BENCHMARKS.md). That is the core's limit, not the memory's, so the case says so.
/// </summary>
public static class LoopVectors
{
    /// <summary>The widest vector the loops use in this process: 256, 128, or 64 (scalar doubles).</summary>
    public static int Bits => Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 64;

    /// <summary>A note for a case whose loops are narrower than the CPU allows, or null. <paramref name="cpuFlags"/>
    /// is /proc/cpuinfo's flags line, which lists avx2 only where the kernel enabled it.</summary>
    public static string? NarrowerThanCpu(int loopBits, IReadOnlyList<string> cpuFlags) =>
        loopBits < 256 && cpuFlags.Contains("avx2")
            ? $"this build's loops use {loopBits}-bit vectors and the CPU has AVX2: each thread may be limited by its core rather than by memory (build with -p:IlcInstructionSet=native to use AVX2; see docs/bench.md)"
            : null;

    /// <summary>The note for this process on this host, or null (also when /proc/cpuinfo cannot be read: the note
    /// is advice, never a reason to fail a run).</summary>
    public static string? NarrowerThanThisCpu(HostRoot root)
    {
        var processors = root.ReadText(CpuinfoParser.Path).Map(CpuinfoParser.Parse);
        if (!processors.TryGet(out var list) || list.Count == 0 || list[0]["flags"] is not { } flags)
        {
            return null;
        }

        return NarrowerThanCpu(Bits, flags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
