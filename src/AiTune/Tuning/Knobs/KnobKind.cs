namespace AiTune.Tuning.Knobs;

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
}
