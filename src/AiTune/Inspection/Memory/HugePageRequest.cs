namespace AiTune.Inspection.Memory;

/// <summary>A huge page reservation the configuration asks for.</summary>
/// <param name="PageSizeBytes">The page size; null means the default size.</param>
/// <param name="Count">Pages asked for.</param>
/// <param name="Node">A NUMA node for per-node requests (hugepages=0:512,1:512), else null.</param>
/// <param name="Source">"kernel command line" or "/etc/sysctl.d/80-hp.conf:3".</param>
/// <param name="AtBoot">True for the command line (allocated before memory fragments); sysctl files are applied
/// by systemd-sysctl early in boot, after the kernel started.</param>
public sealed record HugePageRequest(long? PageSizeBytes, long Count, int? Node, string Source, bool AtBoot);
