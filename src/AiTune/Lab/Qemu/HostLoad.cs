namespace AiTune.Lab.Qemu;

/// <summary>How busy the host was while a guest ran, so that rounds taken on a busy host can be marked.</summary>
/// <param name="LoadAverageAtStart">The 1-minute load average when QEMU started (null when unreadable).</param>
/// <param name="LoadAverageAtEnd">The 1-minute load average when QEMU ended.</param>
/// <param name="ForeignCpuSeconds">CPU time the whole host spent (all CPUs, /proc/stat) during the run minus what
/// QEMU and aitune themselves used: what other processes took. Null when /proc could not be read. Resolution: the
/// kernel's 10 ms clock ticks, and QEMU's own time is sampled every 100 ms.</param>
/// <param name="QemuCpuSeconds">CPU time QEMU itself took (its last sample); null when never sampled.</param>
/// <param name="HostCpus">The host's online CPUs, the capacity the shares are taken of.</param>
public sealed record HostLoad(double? LoadAverageAtStart, double? LoadAverageAtEnd, double? ForeignCpuSeconds, double? QemuCpuSeconds = null, int HostCpus = 1);
