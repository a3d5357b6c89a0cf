namespace AiTune.Lab.Kernels;

/// <summary>What a kernel image's boot header says.</summary>
/// <param name="BootProtocol">The x86 boot protocol version ("2.15"); null for arm64.</param>
/// <param name="Version">The kernel_version string of a bzImage ("6.1.0-57-amd64 (debian-kernel@…) #1 SMP
/// PREEMPT_DYNAMIC Debian 6.1.192-3 (2026-11-26)"); null where the format has none (arm64).</param>
/// <param name="Release">The first word of <paramref name="Version"/>: the release uname -r will print.</param>
public sealed record KernelImageHeader(KernelImageFormat Format, string? BootProtocol, string? Version, string? Release);
