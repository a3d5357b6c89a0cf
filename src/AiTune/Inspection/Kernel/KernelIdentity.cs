using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>What the other fact families need from the kernel, read first and cheaply (three small files): which
/// release runs (the scheduler tunables and the command line's sysctls depend on it) and how it was booted.</summary>
/// <param name="Version">/proc/version, parsed.</param>
/// <param name="Release">uname -r, from /proc/sys/kernel/osrelease (or the version line).</param>
/// <param name="Cmdline">/proc/cmdline, parsed.</param>
public sealed record KernelIdentity(Fact<ProcVersion> Version, Fact<string> Release, Fact<KernelCommandLine> Cmdline);
