using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Inspection.Cpu;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Storage;

namespace AiTune.Knobs;

/// <summary>Reads a knob's current value from the facts (never from the host directly: facts are the single source).</summary>
public static class KnobReader
{
    public static readonly IReadOnlyList<string> ThpNames = ["enabled", "defrag", "khugepaged_defrag", "shmem_enabled"];
    public static readonly IReadOnlyList<string> CpuNames = ["governor", "energy_performance_preference", "boost"];
    public static readonly IReadOnlyList<string> BlockNames = ["scheduler", "read_ahead_kb", "nr_requests", "max_sectors_kb"];

    /// <summary>Why a drive knob does not apply to a host without drives (the start of the reason, for plan and audit).</summary>
    public const string NoBlockDevices = "no block devices";

    /// <summary>Scheduler tunables by their current (6.6+) debugfs names; base_slice_ns is min_granularity_ns before 6.6.</summary>
    public static readonly IReadOnlyList<string> SchedulerNames = SchedulerTunables.Names;

    /// <summary>Whether aitune knows this knob (a profile naming another is an error).</summary>
    public static bool IsKnown(Knob knob) => knob.Kind switch
    {
        KnobKind.Sysctl => IsValidSysctlKey(knob.Name),
        KnobKind.Thp => ThpNames.Contains(knob.Name),
        KnobKind.Cpu => CpuNames.Contains(knob.Name),
        KnobKind.Block => BlockNames.Contains(knob.Name) && Knob.DeviceClasses.Contains(knob.DeviceClass),
        KnobKind.Cmdline => knob.Name.Length > 0 && knob.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'),
        KnobKind.HugePages => IsHugePageSizeName(knob.Name),
        KnobKind.Scheduler => SchedulerNames.Contains(knob.Name),
        _ => false,
    };

    /// <summary>"2048kB": the size as the kernel names its hugepages-SIZE directories (digits, then kB).</summary>
    public static bool IsHugePageSizeName(string name) =>
        name.Length is > 2 and < 16 && name.EndsWith("kB", StringComparison.Ordinal) && name[..^2].All(char.IsAsciiDigit) && name[0] != '0';

    /// <summary>A dotted sysctl key of letters, digits, '_', '-' and '.', with no empty component: nothing that
    /// could leave /proc/sys or glob.</summary>
    public static bool IsValidSysctlKey(string key) =>
        key.Length is > 0 and < 256
        && key.Split('.').All(part => part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'));

    /// <param name="node">For huge pages: the NUMA node whose share to read ("nodeN"); null for the host-wide pool.
    /// Other knobs are host-wide or per device and ignore it.</param>
    public static KnobReading Read(HostFacts facts, Knob knob, int? node = null) => knob.Kind switch
    {
        KnobKind.Sysctl => new KnobReading([new KnobValue("", facts.Sysctls.Get(knob.Name))], null),
        KnobKind.Thp => ReadThp(facts, knob.Name),
        KnobKind.Cpu => ReadCpu(facts, knob.Name),
        KnobKind.Block => ReadBlock(facts, knob),
        KnobKind.Cmdline => facts.Kernel.Cmdline.TryGet(out var cmdline)
            ? new KnobReading([new KnobValue("", cmdline.Get(knob.Name) ?? "(not set)")], null)
            : new KnobReading([new KnobValue("", Fact.Unknown<string>(facts.Kernel.Cmdline.Reason!))], null),
        KnobKind.Scheduler => ReadScheduler(facts, knob.Name),
        KnobKind.HugePages => ReadHugePages(facts, knob.Name, node),
        _ => KnobReading.Absent("unknown knob"),
    };

    /// <summary>nr_hugepages of one size: the host-wide pool (subject ""), or one node's share (subject "nodeN").</summary>
    private static KnobReading ReadHugePages(HostFacts facts, string size, int? node)
    {
        long pageBytes = long.Parse(size[..^2], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        var memory = facts.Memory;
        if (!memory.HugePages.TryGet(out var pools))
        {
            return memory.HugePages.Reason!.Kind == UnknownKind.Absent
                ? KnobReading.Absent("the kernel has no huge pages (built without CONFIG_HUGETLBFS)")
                : new KnobReading([new KnobValue(node is { } n ? $"node{n}" : "", Fact.Unknown<string>(memory.HugePages.Reason!))], null);
        }

        if (pools.All(p => p.PageSizeBytes != pageBytes))
        {
            return KnobReading.Absent($"this CPU and kernel offer no {size} huge pages (sizes: {string.Join(", ", pools.Select(p => $"{p.PageSizeBytes >> 10}kB"))})");
        }

        if (node is not { } id)
        {
            return new KnobReading([new KnobValue("", pools.First(p => p.PageSizeBytes == pageBytes).Total.Map(Text))], null);
        }

        if (!memory.NumaNodes.TryGet(out var nodes))
        {
            return new KnobReading([new KnobValue($"node{id}", Fact.Unknown<string>(memory.NumaNodes.Reason!))], null);
        }

        var share = nodes.FirstOrDefault(n => n.Id == id)?.HugePages.FirstOrDefault(h => h.PageSizeBytes == pageBytes);
        return share is null
            ? KnobReading.Absent($"NUMA node {id} has no {size} huge page pool")
            : new KnobReading([new KnobValue($"node{id}", share.Total.Map(Text))], null);

        static string Text(long v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static KnobReading ReadThp(HostFacts facts, string name)
    {
        if (!facts.Memory.Thp.TryGet(out var thp))
        {
            return facts.Memory.Thp.Reason!.Kind == UnknownKind.Absent
                ? KnobReading.Absent("the kernel is built without transparent huge pages")
                : new KnobReading([new KnobValue("", Fact.Unknown<string>(facts.Memory.Thp.Reason!))], null);
        }

        var value = name switch
        {
            "enabled" => thp.Enabled,
            "defrag" => thp.Defrag,
            "khugepaged_defrag" => thp.KhugepagedDefrag.Map(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => thp.ShmemEnabled,
        };
        return new KnobReading([new KnobValue("", value)], null);
    }

    private static KnobReading ReadCpu(HostFacts facts, string name)
    {
        var cpu = facts.Cpu;
        if (cpu.FrequencyScaling.TryGet(out var scaling) && !scaling)
        {
            return KnobReading.Absent("no cpufreq: the kernel exposes no frequency scaling (a virtual machine, or a fixed-frequency CPU)");
        }

        if (name == "boost")
        {
            return new KnobReading([new KnobValue("", cpu.Boost.Map(b => b ? "1" : "0"))], null);
        }

        if (cpu.Policies.Count == 0)
        {
            return new KnobReading([new KnobValue("", Fact.Unknown<string>(cpu.FrequencyScaling.Reason ?? new UnknownReason(UnknownKind.Absent, "no cpufreq policy")))], null);
        }

        var values = cpu.Policies.Select(p => new KnobValue(p.Name, name == "governor" ? p.Governor : p.Epp)).ToList();
        if (name == "energy_performance_preference" && values.All(v => v.Value.Reason?.Kind == UnknownKind.Absent))
        {
            return KnobReading.Absent($"the cpufreq driver ({cpu.Driver.GetValueOrDefault("unknown")}) has no energy-performance preference");
        }

        return new KnobReading(values, null);
    }

    /// <summary>A name the running kernel does not have (latency_ns on 6.6+, migration_cost_ns without SMP) is not
    /// applicable there; the facts hold only the names the kernel has.</summary>
    private static KnobReading ReadScheduler(HostFacts facts, string name)
    {
        var tunables = facts.Cpu.SchedulerTunables;
        if (!tunables.TryGet(out var values))
        {
            return new KnobReading([new KnobValue("", Fact.Unknown<string>(tunables.Reason!))], null);
        }

        if (values.TryGetValue(name, out var value))
        {
            return new KnobReading([new KnobValue("", value)], null);
        }

        var version = KernelVersion.FromRelease(facts.Kernel.Release);
        return KnobReading.Absent(version.TryGet(out var v) && SchedulerTunables.PathOf(name, v) is null
            ? $"the running kernel ({v}) has no {name}: EEVDF (6.6) removed it"
            : $"the running kernel has no scheduler tunable {name}");
    }

    private static KnobReading ReadBlock(HostFacts facts, Knob knob)
    {
        if (!facts.Storage.Devices.TryGet(out var devices))
        {
            // A diskless or network-booted node (root on NFS or tmpfs), or a tree captured without /sys/block:
            // no drive to tune. Any other failure leaves the drives unknown, and no drive is named.
            return facts.Storage.Devices.Reason!.Kind == UnknownKind.Absent
                ? KnobReading.Absent($"{NoBlockDevices} ({facts.Storage.Devices.Reason.Detail})")
                : new KnobReading([new KnobValue("", Fact.Unknown<string>(facts.Storage.Devices.Reason!))], null);
        }

        if (devices.All(d => DeviceClassOf(d) is null))
        {
            return KnobReading.Absent(devices.Count == 0
                ? $"{NoBlockDevices} (/sys/block is empty: a diskless or network-booted host)"
                : $"{NoBlockDevices} (only virtual ones: {string.Join(", ", devices.Select(d => d.Name))})");
        }

        var matching = devices.Where(d => DeviceClassOf(d) == knob.DeviceClass).ToList();
        if (matching.Count == 0)
        {
            return KnobReading.Absent($"no {DescribeClass(knob.DeviceClass)} on this host");
        }

        return new KnobReading(matching.Select(d => new KnobValue(d.Name, knob.Name switch
        {
            "scheduler" => d.Scheduler,
            "read_ahead_kb" => d.ReadAheadKb.Map(Text),
            "nr_requests" => d.NrRequests.Map(Text),
            _ => d.MaxSectorsKb.Map(Text),
        })).ToList(), null);

        static string Text(long v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>nvme, ssd or hdd; null for virtual devices (loop, zram, dm …), whose settings belong to the drives below.</summary>
    public static string? DeviceClassOf(BlockDevice device)
    {
        if (device.Virtual)
        {
            return null;
        }

        if (device.Nvme)
        {
            return "nvme";
        }

        return device.Rotational.TryGet(out var rotational) && rotational ? "hdd" : "ssd";
    }

    public static string DescribeClass(string? deviceClass) => deviceClass switch
    {
        "nvme" => "NVMe drive",
        "hdd" => "rotational disk",
        _ => "non-rotational SATA/SAS/virtio drive",
    };
}
