using AiTune.Facts;

namespace AiTune.Inspection.Memory;

/// <summary>Memory: size, NUMA layout, huge pages (held and requested), THP, overcommit, swap, limits.</summary>
/// <param name="TotalBytes">MemTotal.</param>
/// <param name="AvailableBytes">MemAvailable.</param>
/// <param name="NumaNodes">Online NUMA nodes (one on a non-NUMA host), with per-node memory and huge pages.</param>
/// <param name="HugePages">One pool per huge page size the kernel supports (/sys/kernel/mm/hugepages).</param>
/// <param name="DefaultHugePageSizeBytes">Hugepagesize in /proc/meminfo (the size vm.nr_hugepages sizes).</param>
/// <param name="HugePageRequests">What the configuration asks for at boot: hugepages= on the command line and
/// vm.nr_hugepages in the sysctl files. Reading vm.nr_hugepages gives the pool the kernel holds, not the request.</param>
/// <param name="Thp">Transparent huge pages; absent when the kernel is built without them.</param>
/// <param name="Swap">Active swap areas (/proc/swaps), zram devices included.</param>
/// <param name="Zswap">zswap enabled (/sys/module/zswap/parameters/enabled); absent without zswap.</param>
/// <param name="MemlockLimit">RLIMIT_MEMLOCK of the reading process (/proc/self/limits).</param>
/// <param name="MemlockConfigured">memlock lines from /etc/security/limits.conf and limits.d.</param>
/// <param name="DevShmSizeBytes">Size of the tmpfs mounted at /dev/shm (NCCL and PyTorch workers share through it).</param>
/// <param name="AnonHugePagesBytes">AnonHugePages in /proc/meminfo: memory backed by THP now.</param>
public sealed record MemoryFacts(
    Fact<long> TotalBytes,
    Fact<long> AvailableBytes,
    Fact<IReadOnlyList<NumaNode>> NumaNodes,
    Fact<IReadOnlyList<HugePagePool>> HugePages,
    Fact<long> DefaultHugePageSizeBytes,
    IReadOnlyList<HugePageRequest> HugePageRequests,
    Fact<ThpSettings> Thp,
    Fact<long> OvercommitMemory,
    Fact<long> OvercommitRatio,
    Fact<long> Swappiness,
    Fact<long> MaxMapCount,
    Fact<long> MinFreeKbytes,
    Fact<long> ZoneReclaimMode,
    Fact<long> NumaBalancing,
    Fact<DirtySettings> Dirty,
    Fact<IReadOnlyList<SwapArea>> Swap,
    Fact<bool> Zswap,
    Fact<ResourceLimit> MemlockLimit,
    IReadOnlyList<LimitsEntry> MemlockConfigured,
    Fact<long> DevShmSizeBytes,
    Fact<long> AnonHugePagesBytes);
