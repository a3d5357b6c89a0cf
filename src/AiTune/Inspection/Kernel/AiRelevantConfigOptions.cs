namespace AiTune.Inspection.Kernel;

/// <summary>The build options kept in <see cref="KernelFacts.Config"/>: those that decide how a kernel serves AI
/// workloads (memory, scheduling, isolation, I/O, observability) and how hardened it is. The full config holds about
/// 4,000 options; keeping these makes facts and snapshots readable.</summary>
public static class AiRelevantConfigOptions
{
    public static readonly IReadOnlyList<string> Names =
    [
        // Memory: huge pages, NUMA, reclaim, swap.
        "CONFIG_TRANSPARENT_HUGEPAGE", "CONFIG_TRANSPARENT_HUGEPAGE_ALWAYS", "CONFIG_TRANSPARENT_HUGEPAGE_MADVISE",
        "CONFIG_HUGETLBFS", "CONFIG_HUGETLB_PAGE", "CONFIG_NUMA", "CONFIG_NUMA_BALANCING", "CONFIG_NUMA_BALANCING_DEFAULT_ENABLED",
        "CONFIG_ZSWAP", "CONFIG_ZRAM", "CONFIG_LRU_GEN", "CONFIG_LRU_GEN_ENABLED",
        // Scheduling, preemption and timer tick.
        "CONFIG_SCHED_CLASS_EXT", "CONFIG_PREEMPT_NONE", "CONFIG_PREEMPT_VOLUNTARY", "CONFIG_PREEMPT", "CONFIG_PREEMPT_RT",
        "CONFIG_PREEMPT_LAZY", "CONFIG_PREEMPT_DYNAMIC", "CONFIG_HZ", "CONFIG_HZ_100", "CONFIG_HZ_250", "CONFIG_HZ_300",
        "CONFIG_HZ_1000", "CONFIG_NO_HZ_FULL", "CONFIG_NO_HZ_IDLE", "CONFIG_SCHED_BORE", "CONFIG_CACHY",
        "CONFIG_CPU_FREQ", "CONFIG_CPU_IDLE",
        // I/O and pressure.
        "CONFIG_IO_URING", "CONFIG_PSI", "CONFIG_PSI_DEFAULT_DISABLED", "CONFIG_MQ_IOSCHED_DEADLINE", "CONFIG_IOSCHED_BFQ",
        "CONFIG_MQ_IOSCHED_KYBER",
        // Isolation (cgroups).
        "CONFIG_CGROUPS", "CONFIG_MEMCG", "CONFIG_CGROUP_SCHED", "CONFIG_CPUSETS", "CONFIG_CGROUP_HUGETLB", "CONFIG_BLK_CGROUP",
        // Hardening and lockdown.
        "CONFIG_RANDOMIZE_BASE", "CONFIG_SECURITY_LOCKDOWN_LSM", "CONFIG_LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY",
        "CONFIG_LOCK_DOWN_KERNEL_FORCE_INTEGRITY", "CONFIG_MODULE_SIG_FORCE", "CONFIG_INIT_ON_ALLOC_DEFAULT_ON",
        "CONFIG_INIT_ON_FREE_DEFAULT_ON", "CONFIG_HARDENED_USERCOPY", "CONFIG_SLAB_FREELIST_HARDENED",
        "CONFIG_RANDOMIZE_KSTACK_OFFSET_DEFAULT", "CONFIG_STACKPROTECTOR_STRONG", "CONFIG_SECURITY_YAMA",
        "CONFIG_SECURITY_APPARMOR", "CONFIG_SECURITY_SELINUX", "CONFIG_SECURITY_LANDLOCK", "CONFIG_BPF_LSM", "CONFIG_LSM",
        // IOMMU default domain (GPU DMA cost versus isolation).
        "CONFIG_IOMMU_DEFAULT_DMA_STRICT", "CONFIG_IOMMU_DEFAULT_DMA_LAZY", "CONFIG_IOMMU_DEFAULT_PASSTHROUGH",
        // Observability and extensibility.
        "CONFIG_DEBUG_INFO_BTF", "CONFIG_BPF_SYSCALL", "CONFIG_BPF_JIT", "CONFIG_KPROBES", "CONFIG_MODULES", "CONFIG_USER_NS",
        "CONFIG_DEBUG_FS",
        // Build and platform.
        "CONFIG_LTO_CLANG_THIN", "CONFIG_CC_OPTIMIZE_FOR_PERFORMANCE_O3", "CONFIG_X86_64", "CONFIG_ARM64", "CONFIG_KVM_GUEST",
        "CONFIG_HYPERVISOR_GUEST",
        // Network.
        "CONFIG_DEFAULT_TCP_CONG", "CONFIG_TCP_CONG_BBR",
    ];

    private static readonly HashSet<string> Set = new(Names, StringComparer.Ordinal);

    public static bool Contains(string name) => Set.Contains(name);
}
