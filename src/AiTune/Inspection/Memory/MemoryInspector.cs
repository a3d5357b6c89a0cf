using System.Globalization;
using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Mounts;
using AiTune.Inspection.Sysctl;

namespace AiTune.Inspection.Memory;

/// <summary>Reads memory facts: /proc/meminfo, NUMA nodes, huge page pools and requests, THP, swap, zswap,
/// memlock limits and /dev/shm.</summary>
public static class MemoryInspector
{
    public const string MeminfoPath = "/proc/meminfo";
    public const string NodesDirectory = "/sys/devices/system/node";
    public const string ThpDirectory = "/sys/kernel/mm/transparent_hugepage";
    public const string ZswapEnabledPath = "/sys/module/zswap/parameters/enabled";
    public const string MemlockItem = "memlock";

    /// <summary>The sysctls the memory facts are built from.</summary>
    public static readonly IReadOnlyList<string> SysctlKeys =
    [
        "vm.overcommit_memory", "vm.overcommit_ratio", "vm.swappiness", "vm.max_map_count", "vm.min_free_kbytes",
        "vm.zone_reclaim_mode", "kernel.numa_balancing", "vm.dirty_ratio", "vm.dirty_background_ratio", "vm.dirty_bytes",
        "vm.dirty_background_bytes", "vm.dirty_expire_centisecs", "vm.dirty_writeback_centisecs", "vm.nr_hugepages",
        "vm.nr_overcommit_hugepages",
    ];

    public static MemoryFacts Inspect(HostRoot root, SysctlFacts sysctls, Fact<KernelCommandLine> cmdline, Fact<IReadOnlyList<Mount>> mounts)
    {
        var meminfo = root.ReadText(MeminfoPath).Map(text => MeminfoParser.Parse(text, MeminfoPath));
        var total = meminfo.Bind(m => m.Get("MemTotal"));
        return new MemoryFacts
        {
            TotalBytes = total,
            AvailableBytes = meminfo.Bind(m => m.Get("MemAvailable")),
            NumaNodes = ReadNodes(root),
            HugePages = HugePageSysfs.ReadPools(root),
            DefaultHugePageSizeBytes = meminfo.Bind(m => m.Get("Hugepagesize")),
            HugePageRequests = HugePageRequests(sysctls, cmdline),
            Thp = ReadThp(root),
            OvercommitMemory = sysctls.GetLong("vm.overcommit_memory"),
            OvercommitRatio = sysctls.GetLong("vm.overcommit_ratio"),
            Swappiness = sysctls.GetLong("vm.swappiness"),
            MaxMapCount = sysctls.GetLong("vm.max_map_count"),
            MinFreeKbytes = sysctls.GetLong("vm.min_free_kbytes"),
            ZoneReclaimMode = sysctls.GetLong("vm.zone_reclaim_mode"),
            NumaBalancing = sysctls.GetLong("kernel.numa_balancing"),
            Dirty = ReadDirty(sysctls),
            Swap = root.ReadText(SwapsParser.Path).Bind(SwapsParser.Parse),
            Zswap = SysfsFile.ReadFlag(root, ZswapEnabledPath),
            MemlockLimit = root.ReadText(ProcessLimitsParser.Path).Bind(text => ProcessLimitsParser.Parse(text, ProcessLimitsParser.MaxLockedMemory)),
            MemlockConfigured = ReadMemlockConfigured(root),
            DevShmSizeBytes = DevShmSize.FromMounts(mounts, total),
            AnonHugePagesBytes = meminfo.Bind(m => m.Get("AnonHugePages")),
        };
    }

    /// <summary>Online nodes (nodeN directories), by number.</summary>
    public static Fact<IReadOnlyList<NumaNode>> ReadNodes(HostRoot root) =>
        root.List(NodesDirectory).Map(entries => (IReadOnlyList<NumaNode>)NumberedEntries.Of(entries, "node", HostEntryKind.Directory)
            .ConvertAll(e =>
            {
                string dir = NodesDirectory + "/" + e.Name;
                string meminfoPath = dir + "/meminfo";
                return new NumaNode(
                    e.Number,
                    SysfsFile.ReadString(root, dir + "/cpulist"),
                    root.ReadText(meminfoPath).Bind(text => MeminfoParser.Parse(text, meminfoPath).Get("MemTotal")),
                    HugePageSysfs.ReadNode(root, dir));
            }));

    /// <summary>The command line's hugepages= requests, then vm.nr_hugepages from the sysctl files (default size).</summary>
    public static IReadOnlyList<HugePageRequest> HugePageRequests(SysctlFacts sysctls, Fact<KernelCommandLine> cmdline)
    {
        var requests = new List<HugePageRequest>(cmdline.TryGet(out var line) ? HugePageCommandLine.Parse(line) : []);
        if (sysctls.Boot.TryGetValue("vm.nr_hugepages", out var boot)
            && long.TryParse(boot.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            requests.Add(new HugePageRequest(null, count, null, $"{boot.File}:{boot.Line}", AtBoot: false));
        }

        return requests;
    }

    /// <summary>Documentation/admin-guide/mm/transhuge.rst: enabled, defrag, shmem_enabled and khugepaged/defrag.
    /// Without CONFIG_TRANSPARENT_HUGEPAGE the directory does not exist.</summary>
    public static Fact<ThpSettings> ReadThp(HostRoot root)
    {
        if (!root.Exists(ThpDirectory))
        {
            return Fact.Unknown<ThpSettings>(UnknownReason.Absent(ThpDirectory));
        }

        var enabled = ReadChoice(root, ThpDirectory + "/enabled");
        var defrag = ReadChoice(root, ThpDirectory + "/defrag");
        return new ThpSettings(
            enabled.Bind(c => c.Active),
            enabled.Map(c => c.Options).GetValueOrDefault([]),
            defrag.Bind(c => c.Active),
            defrag.Map(c => c.Options).GetValueOrDefault([]),
            SysfsFile.ReadLong(root, ThpDirectory + "/khugepaged/defrag"),
            ReadChoice(root, ThpDirectory + "/shmem_enabled").Bind(c => c.Active));
    }

    private static Fact<KernelChoice> ReadChoice(HostRoot root, string path) =>
        SysfsFile.ReadString(root, path).Map(text => KernelChoice.Parse(text, path));

    private static Fact<DirtySettings> ReadDirty(SysctlFacts sysctls)
    {
        string[] keys = ["vm.dirty_ratio", "vm.dirty_background_ratio", "vm.dirty_bytes", "vm.dirty_background_bytes",
            "vm.dirty_expire_centisecs", "vm.dirty_writeback_centisecs"];
        var values = keys.Select(sysctls.GetLong).ToArray();
        var unknown = values.FirstOrDefault(v => !v.IsKnown);
        if (values.Any(v => !v.IsKnown))
        {
            return Fact.Unknown<DirtySettings>(unknown.Reason!);
        }

        return new DirtySettings(values[0].Value, values[1].Value, values[2].Value, values[3].Value, values[4].Value, values[5].Value);
    }

    /// <summary>memlock lines of limits.conf, then of limits.d/*.conf in name order (pam_limits' reading order:
    /// later files override earlier ones for the same domain).</summary>
    public static IReadOnlyList<LimitsEntry> ReadMemlockConfigured(HostRoot root)
    {
        var files = new List<string> { LimitsConfParser.MainFile };
        if (root.List(LimitsConfParser.DropInDirectory).TryGet(out var entries))
        {
            foreach (var entry in entries)
            {
                if (entry.Name.EndsWith(".conf", StringComparison.Ordinal) && !entry.Name.StartsWith('.') && entry.Kind != HostEntryKind.Directory)
                {
                    files.Add(LimitsConfParser.DropInDirectory + "/" + entry.Name);
                }
            }
        }

        var lines = new List<LimitsEntry>();
        foreach (var path in files)
        {
            if (root.ReadText(path).TryGet(out var text))
            {
                lines.AddRange(LimitsConfParser.Parse(text, path, MemlockItem));
            }
        }

        return lines;
    }
}
