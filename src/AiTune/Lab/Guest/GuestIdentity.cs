namespace AiTune.Lab.Guest;

/// <summary>The "identify" payload's document: which kernel really ran and on what virtual machine, so that the lab
/// can check that what it tested is what booted.</summary>
/// <param name="SchemaVersion">1.</param>
/// <param name="Payload">"identify".</param>
/// <param name="Seed">The seed from lab.json, echoed.</param>
/// <param name="Release">uname -r.</param>
/// <param name="Version">uname -v (the build: "#1 SMP PREEMPT_DYNAMIC Debian 6.12.118-1~deb12u1").</param>
/// <param name="Machine">uname -m.</param>
/// <param name="CommandLine">/proc/cmdline.</param>
/// <param name="Clocksource">The current clocksource, null when unreadable.</param>
/// <param name="KernelConfig">/proc/config.gz decompressed, null when the kernel lacks CONFIG_IKCONFIG_PROC.</param>
/// <param name="KernelConfigSha256">Its SHA-256 in hex, null when absent.</param>
/// <param name="Cpus">Online CPUs.</param>
/// <param name="MemTotalKb">MemTotal of /proc/meminfo.</param>
/// <param name="CriticalKernelMessages">Kernel log records at crit, alert or emerg level (/dev/kmsg), the guest's own
/// view of KernelCI's gate.</param>
/// <param name="Boot">What PID 1 did before the payload.</param>
public sealed record GuestIdentity(
    int SchemaVersion,
    string Payload,
    long Seed,
    string Release,
    string Version,
    string Machine,
    string CommandLine,
    string? Clocksource,
    string? KernelConfig,
    string? KernelConfigSha256,
    int Cpus,
    long? MemTotalKb,
    IReadOnlyList<string> CriticalKernelMessages,
    GuestBoot Boot);
