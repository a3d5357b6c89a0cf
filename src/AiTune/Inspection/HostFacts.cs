using AiTune.Facts;
using AiTune.Inspection.Cgroups;
using AiTune.Inspection.Coexistence;
using AiTune.Inspection.Cpu;
using AiTune.Inspection.Accelerators;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Memory;
using AiTune.Inspection.Network;
using AiTune.Inspection.Rdma;
using AiTune.Inspection.Security;
using AiTune.Inspection.Storage;
using AiTune.Inspection.Sysctl;
using AiTune.Inspection.Virtualization;

namespace AiTune.Inspection;

/// <summary>Everything aitune knows about one host, read once through a HostRoot. Immutable; every feature
/// downstream (audit, tuning, benchmarks) works on this, so each runs on a snapshot as well as live.</summary>
public sealed record HostFacts(
    HostSource Source,
    KernelFacts Kernel,
    MemoryFacts Memory,
    CpuFacts Cpu,
    StorageFacts Storage,
    NetworkFacts Network,
    Fact<IReadOnlyList<RdmaDevice>> Rdma,
    Fact<IReadOnlyList<Accelerator>> Accelerators,
    Fact<IReadOnlyList<DisplayAdapter>> DisplayAdapters,
    IommuFacts Iommu,
    CgroupFacts Cgroups,
    SecurityFacts Security,
    VirtualizationFacts Virtualization,
    SysctlFacts Sysctls,
    CoexistenceFacts Coexistence);
