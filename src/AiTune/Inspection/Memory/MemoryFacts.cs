using AiTune.Facts;

namespace AiTune.Inspection.Memory;

/// <summary>Memory: size, NUMA layout, huge pages (held and requested), THP, overcommit, swap, limits. Members are set
/// by name: twenty-one of them, most Fact&lt;long&gt;, which a positional call would let anyone swap
/// unnoticed.</summary>
public sealed record MemoryFacts
{
    /// <summary>MemTotal.</summary>
    public required Fact<long> TotalBytes { get; init; }

    /// <summary>MemAvailable.</summary>
    public required Fact<long> AvailableBytes { get; init; }

    /// <summary>Online NUMA nodes (one on a non-NUMA host), with per-node memory and huge pages.</summary>
    public required Fact<IReadOnlyList<NumaNode>> NumaNodes { get; init; }

    /// <summary>One pool per huge page size the kernel supports (/sys/kernel/mm/hugepages).</summary>
    public required Fact<IReadOnlyList<HugePagePool>> HugePages { get; init; }

    /// <summary>Hugepagesize in /proc/meminfo (the size vm.nr_hugepages sizes).</summary>
    public required Fact<long> DefaultHugePageSizeBytes { get; init; }

    /// <summary>What the configuration asks for at boot: hugepages= on the command line and vm.nr_hugepages in the
    /// sysctl files. Reading vm.nr_hugepages gives the pool the kernel holds, not the request.</summary>
    public required IReadOnlyList<HugePageRequest> HugePageRequests { get; init; }

    /// <summary>Transparent huge pages; absent when the kernel is built without them.</summary>
    public required Fact<ThpSettings> Thp { get; init; }

    public required Fact<long> OvercommitMemory { get; init; }

    public required Fact<long> OvercommitRatio { get; init; }

    public required Fact<long> Swappiness { get; init; }

    public required Fact<long> MaxMapCount { get; init; }

    public required Fact<long> MinFreeKbytes { get; init; }

    public required Fact<long> ZoneReclaimMode { get; init; }

    public required Fact<long> NumaBalancing { get; init; }

    public required Fact<DirtySettings> Dirty { get; init; }

    /// <summary>Active swap areas (/proc/swaps), zram devices included.</summary>
    public required Fact<IReadOnlyList<SwapArea>> Swap { get; init; }

    /// <summary>zswap enabled (/sys/module/zswap/parameters/enabled); absent without zswap.</summary>
    public required Fact<bool> Zswap { get; init; }

    /// <summary>RLIMIT_MEMLOCK of the reading process (/proc/self/limits).</summary>
    public required Fact<ResourceLimit> MemlockLimit { get; init; }

    /// <summary>memlock lines from /etc/security/limits.conf and limits.d.</summary>
    public required IReadOnlyList<LimitsEntry> MemlockConfigured { get; init; }

    /// <summary>Size of the tmpfs mounted at /dev/shm (NCCL and PyTorch workers share through it).</summary>
    public required Fact<long> DevShmSizeBytes { get; init; }

    /// <summary>AnonHugePages in /proc/meminfo: memory backed by THP now.</summary>
    public required Fact<long> AnonHugePagesBytes { get; init; }
}
