namespace AiTune.Knobs;

public enum KnobKind
{
    /// <summary>/proc/sys/KEY.</summary>
    Sysctl,
    /// <summary>/sys/kernel/mm/transparent_hugepage/NAME.</summary>
    Thp,
    /// <summary>cpufreq policy attributes (governor, energy_performance_preference) and boost.</summary>
    Cpu,
    /// <summary>/sys/block/DEV/queue/NAME for every drive of a class (nvme, ssd, hdd).</summary>
    Block,
    /// <summary>A kernel command-line parameter: takes effect at the next boot.</summary>
    Cmdline,
    /// <summary>Huge pages of one size ("2048kB"): /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages host-wide
    /// (subject ""), or /sys/devices/system/node/nodeN/hugepages/hugepages-2048kB/nr_hugepages (subject "nodeN").</summary>
    HugePages,
    /// <summary>CFS/EEVDF scheduler tunables ("migration_cost_ns"), whose files moved between kernels: /proc/sys/kernel/sched_*
    /// before 5.13, /sys/kernel/debug/sched/* since, min_granularity_ns renamed base_slice_ns in 6.6.</summary>
    Scheduler,
}
