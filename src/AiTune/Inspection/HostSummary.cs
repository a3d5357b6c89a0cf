namespace AiTune.Inspection;

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
    string? Virtualization)
{
    /// <summary>The host in one line's worth of facts, as the audit, `profile show` and a benchmark run's environment
    /// print it.</summary>
    public static HostSummary Of(HostFacts facts) => new(
        facts.Source.Description,
        facts.Kernel.Release.ValueOrDefault,
        facts.Kernel.Flavor.ValueOrDefault is { } flavor ? flavor.Name + (flavor.Variant is null ? "" : "/" + flavor.Variant) : null,
        facts.Cpu.Model.ValueOrDefault,
        facts.Cpu.LogicalCpus.IsKnown ? facts.Cpu.LogicalCpus.Value : null,
        facts.Memory.TotalBytes.IsKnown ? facts.Memory.TotalBytes.Value : null,
        facts.Memory.NumaNodes.IsKnown ? facts.Memory.NumaNodes.Value.Count : null,
        facts.Accelerators.IsKnown ? facts.Accelerators.Value.Count : null,
        facts.Virtualization.Hypervisor.ValueOrDefault);
}
