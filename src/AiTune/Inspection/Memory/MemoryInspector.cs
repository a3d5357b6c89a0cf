using AiTune.Hosting;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Mounts;
using AiTune.Inspection.Sysctl;

namespace AiTune.Inspection.Memory;

public static class MemoryInspector
{
    private static readonly UnknownReason Todo = new(UnknownKind.Unreadable, "not implemented yet");

    /// <summary>The sysctls the memory facts are built from.</summary>
    public static readonly IReadOnlyList<string> SysctlKeys =
    [
        "vm.overcommit_memory", "vm.overcommit_ratio", "vm.swappiness", "vm.max_map_count", "vm.min_free_kbytes",
        "vm.zone_reclaim_mode", "kernel.numa_balancing", "vm.dirty_ratio", "vm.dirty_background_ratio", "vm.dirty_bytes",
        "vm.dirty_background_bytes", "vm.dirty_expire_centisecs", "vm.dirty_writeback_centisecs", "vm.nr_hugepages",
        "vm.nr_overcommit_hugepages",
    ];

    public static MemoryFacts Inspect(HostRoot root, SysctlFacts sysctls, Fact<KernelCommandLine> cmdline, Fact<IReadOnlyList<Mount>> mounts) =>
        new(Fact.Unknown<long>(Todo), Fact.Unknown<long>(Todo), Fact.Unknown<IReadOnlyList<NumaNode>>(Todo), Fact.Unknown<IReadOnlyList<HugePagePool>>(Todo),
            Fact.Unknown<long>(Todo), [], Fact.Unknown<ThpSettings>(Todo), sysctls.GetLong("vm.overcommit_memory"), sysctls.GetLong("vm.overcommit_ratio"),
            sysctls.GetLong("vm.swappiness"), sysctls.GetLong("vm.max_map_count"), sysctls.GetLong("vm.min_free_kbytes"), sysctls.GetLong("vm.zone_reclaim_mode"),
            sysctls.GetLong("kernel.numa_balancing"), Fact.Unknown<DirtySettings>(Todo), Fact.Unknown<IReadOnlyList<SwapArea>>(Todo), Fact.Unknown<bool>(Todo),
            Fact.Unknown<ResourceLimit>(Todo), [], Fact.Unknown<long>(Todo), Fact.Unknown<long>(Todo));
}
