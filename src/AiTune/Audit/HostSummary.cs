namespace AiTune.Audit;

/// <summary>The host in one glance, at the top of every report.</summary>
public sealed record HostSummary(
    string Source,
    string? Kernel,
    string? Flavor,
    string? CpuModel,
    int? LogicalCpus,
    long? MemoryBytes,
    int? NumaNodes,
    int? Accelerators,
    string? Virtualization);
