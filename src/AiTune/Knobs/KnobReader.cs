using AiTune.Inspection;
using AiTune.Inspection.Storage;
using AiTune.Knobs.Kinds;

namespace AiTune.Knobs;

/// <summary>Reads a knob's current value from the facts (never from the host directly: facts are the single source).
/// Each kind reads its own (<see cref="KnobKindDescriptor.Read"/>); the names and checks here are the descriptors'.</summary>
public static class KnobReader
{
    public static readonly IReadOnlyList<string> ThpNames = ThpKind.Names;
    public static readonly IReadOnlyList<string> CpuNames = CpuKind.Names;
    public static readonly IReadOnlyList<string> BlockNames = BlockKind.Names;

    /// <summary>Why a drive knob does not apply to a host without drives (the start of the reason, for plan and audit).</summary>
    public const string NoBlockDevices = BlockKind.NoBlockDevices;

    /// <summary>Scheduler tunables by their current (6.6+) debugfs names; base_slice_ns is min_granularity_ns before 6.6.</summary>
    public static readonly IReadOnlyList<string> SchedulerNames = SchedulerKind.Names;

    /// <summary>Whether aitune knows this knob (a profile naming another is an error).</summary>
    public static bool IsKnown(Knob knob) => KnobKinds.Of(knob).IsKnown(knob);

    /// <summary>"2048kB": the size as the kernel names its hugepages-SIZE directories (digits, then kB).</summary>
    public static bool IsHugePageSizeName(string name) => HugePagesKind.IsSizeName(name);

    /// <summary>A dotted sysctl key of letters, digits, '_', '-' and '.', with no empty component: nothing that
    /// could leave /proc/sys or glob.</summary>
    public static bool IsValidSysctlKey(string key) => SysctlKind.IsValidKey(key);

    /// <param name="node">For huge pages: the NUMA node whose share to read ("nodeN"); null for the host-wide pool.
    /// Other knobs are host-wide or per device and ignore it.</param>
    public static KnobReading Read(HostFacts facts, Knob knob, int? node = null) => KnobKinds.Of(knob).Read(facts, knob, node);

    /// <summary>nvme, ssd or hdd; null for virtual devices (loop, zram, dm …), whose settings belong to the drives below.</summary>
    public static string? DeviceClassOf(BlockDevice device) => BlockKind.DeviceClassOf(device);

    public static string DescribeClass(string? deviceClass) => BlockKind.DescribeClass(deviceClass);
}
