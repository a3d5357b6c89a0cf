using AiTune.Audit.Rules;

namespace AiTune.Audit;

/// <summary>Every rule aitune knows, in catalogue order. docs/rules.md is generated from this list.</summary>
public static class RuleCatalogue
{
    public static IReadOnlyList<Rule> All { get; } =
    [
        .. KernelRules.All,
        .. MemoryRules.All,
        .. CpuRules.All,
        .. StorageRules.All,
        .. NetworkRules.All,
        .. RdmaRules.All,
        .. GpuRules.All,
        .. CgroupRules.All,
        .. SecurityRules.All,
    ];
}
