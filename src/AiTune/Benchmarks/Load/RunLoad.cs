using System.Text.Json.Serialization;
using AiTune.Units;

namespace AiTune.Benchmarks.Load;

/// <summary>
/// What else the host was doing while a run measured: the CPU time other processes took (the host's busy time in
/// /proc/stat less this process's own), the time a hypervisor stole, the pressure stall shares and the load
/// average. A run is <see cref="Busy"/> when, in some stretch of at least <see cref="WindowSeconds"/>, other
/// processes took <see cref="BusyOtherCpuShare"/> or more of the host's CPU time, or the hypervisor stole
/// <see cref="BusyStealShare"/> or more of it: its numbers then measure the neighbours as much as the host.
/// <para>
/// Pressure is recorded and shown, not used to mark a run: aitune's own threads stall too (two workers on a
/// two-CPU host wait for the CPU, a disk case waits for I/O by design), and /proc/pressure cannot tell whose
/// stall it counts. The other processes' CPU time can be told apart, so that is the mark.
/// </para>
/// </summary>
/// <param name="OtherCpuShare">Share (0–1) of all CPUs' time that other processes (and the kernel's work for them)
/// took over the whole run.</param>
/// <param name="PeakOtherCpuShare">The same over the busiest stretch of at least <see cref="WindowSeconds"/> (stretches
/// end between cases).</param>
/// <param name="PeakCases">The case or cases of the busiest stretch ("memory/copy/single").</param>
/// <param name="StealShare">Share (0–1) of all CPUs' time a hypervisor ran something else (0 on bare metal).</param>
/// <param name="OwnCpuShare">Share (0–1) of all CPUs' time this run took.</param>
/// <param name="CpuPressure">/proc/pressure/cpu over the run; null without PSI.</param>
/// <param name="LoadAverage">The 1-minute load average at the end of the run.</param>
public sealed record RunLoad(
    double OtherCpuShare,
    double PeakOtherCpuShare,
    string? PeakCases,
    double StealShare,
    double OwnCpuShare,
    StallShare? CpuPressure,
    StallShare? MemoryPressure,
    StallShare? IoPressure,
    double? LoadAverage)
{
    /// <summary>Other processes taking a tenth of the host's CPU time disturb every multi-threaded case (on a
    /// 2-CPU host, one busy neighbour thread is half of that), yet a shell, an ssh session or a metrics agent stays
    /// well below it.</summary>
    public const double BusyOtherCpuShare = 0.10;

    /// <summary>A tenth of the time stolen by the hypervisor: a noisy neighbour on the same physical CPUs.</summary>
    public const double BusyStealShare = 0.10;

    /// <summary>The shortest stretch judged on its own: /proc/stat counts in 10 ms ticks, so a 0.1 s case would
    /// read one tick of a neighbour as a tenth of a CPU.</summary>
    public const double WindowSeconds = 2.0;

    /// <summary>Why the run counts as taken on a busy host, in a sentence; null when it does not.</summary>
    [JsonIgnore]
    public string? BusyReason =>
        PeakOtherCpuShare >= BusyOtherCpuShare
            ? $"other processes took {Percent.Format(PeakOtherCpuShare, 0)} of the CPU time{(PeakCases is null ? "" : $" during {PeakCases}")} (the limit is {Percent.Format(BusyOtherCpuShare, 0)})"
            : StealShare >= BusyStealShare
                ? $"the hypervisor stole {Percent.Format(StealShare, 0)} of the CPU time (the limit is {Percent.Format(BusyStealShare, 0)})"
                : null;

    /// <summary>True when <see cref="BusyReason"/> says why; in the JSON documents for whoever reads them, ignored on import.</summary>
    public bool Busy => BusyReason is not null;
}
