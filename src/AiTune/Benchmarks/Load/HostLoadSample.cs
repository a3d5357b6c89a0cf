using AiTune.Inspection.Cgroups;
using AiTune.Inspection.Cpu;

namespace AiTune.Benchmarks.Load;

/// <summary>The host's cumulative counters at one moment: CPU time by state, this process's CPU time, and the
/// pressure stall totals. Two samples give the load between them.</summary>
/// <param name="Timestamp">Stopwatch ticks (the monotonic clock).</param>
/// <param name="Cpu">/proc/stat's aggregate line; null when it cannot be read.</param>
/// <param name="OwnCpuSeconds">CPU time of every thread of this process (getrusage).</param>
/// <param name="Pressure">cpu, memory and io totals; null for a resource the kernel does not report (no PSI).</param>
/// <param name="LoadAverage">The 1-minute load average; null when unreadable.</param>
internal sealed record HostLoadSample(
    long Timestamp,
    CpuTimes? Cpu,
    double OwnCpuSeconds,
    IReadOnlyList<PressureStall?> Pressure,
    double? LoadAverage)
{
    /// <summary>The pressure files, in the order of <see cref="Pressure"/>.</summary>
    public static readonly string[] PressureResources = ["cpu", "memory", "io"];
}
