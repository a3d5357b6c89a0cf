using System.Text.RegularExpressions;
using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Inspection.Storage;
using AiTune.Knobs.Persistence;

namespace AiTune.Knobs.Kinds;

/// <summary>"block.CLASS:NAME": /sys/block/DEV/queue/NAME for every drive of a class (nvme, ssd, hdd), persisted as a
/// udev rule per class, so drives added later get the value too.</summary>
public sealed partial class BlockKind : KnobKindDescriptor
{
    public static readonly IReadOnlyList<string> Names = ["scheduler", "read_ahead_kb", "nr_requests", "max_sectors_kb"];

    /// <summary>Why a drive knob does not apply to a host without drives (the start of the reason, for plan and audit).</summary>
    public const string NoBlockDevices = "no block devices";

    public override KnobKind Kind => KnobKind.Block;

    public override string Prefix => "block";

    public override string IdOf(Knob knob) => $"block.{knob.DeviceClass}:{knob.Name}";

    public override Knob? FromId(string prefix, string name) =>
        prefix.StartsWith("block.", StringComparison.Ordinal) ? Knob.Block(prefix["block.".Length..], name) : null;

    public override bool IsKnown(Knob knob) => Names.Contains(knob.Name) && Knob.DeviceClasses.Contains(knob.DeviceClass);

    public override string UnknownNameHint => $" (block queue settings: {string.Join(", ", Names)})";

    public override bool PerDevice => true;

    public override KnobReading Read(HostFacts facts, Knob knob, int? node)
    {
        if (!facts.Storage.Devices.TryGet(out var devices))
        {
            // A diskless or network-booted node (root on NFS or tmpfs), or a tree captured without /sys/block:
            // no drive to tune. Any other failure leaves the drives unknown, and no drive is named.
            return facts.Storage.Devices.Reason!.Kind == UnknownKind.Absent
                ? KnobReading.Absent($"{NoBlockDevices} ({facts.Storage.Devices.Reason.Detail})")
                : One(Fact.Unknown<string>(facts.Storage.Devices.Reason!));
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

    public override KnobLocation? Locate(HostFacts facts, Knob knob, string subject, out string? notApplicable)
    {
        notApplicable = null;
        Require(knob, subject, BlockDeviceName().IsMatch(subject), "a block device name (nvme0n1, sda)");
        return new KnobLocation($"/sys/block/{subject}/queue/{knob.Name}");
    }

    public override bool MayWrite(string canonicalHostPath) => BlockQueue().IsMatch(canonicalHostPath);

    public override KnobFix Fix(Knob knob, string value, IReadOnlyList<string> subjects, FixSite site)
    {
        var runtime = string.Join("; ", subjects.Select(s => $"echo {value} > /sys/block/{s}/queue/{knob.Name}"));
        return new KnobFix(runtime.Length == 0 ? null : runtime,
            $"add to {PersistencePaths.UdevRule}: ACTION==\"add|change\", SUBSYSTEM==\"block\", {UdevMatch(knob.DeviceClass)}, ATTR{{queue/{knob.Name}}}=\"{value}\"");
    }

    /// <summary>The udev match for a drive class, as the audit's fix prints it.</summary>
    private static string UdevMatch(string? deviceClass) => deviceClass switch
    {
        "nvme" => "KERNEL==\"nvme[0-9]*n[0-9]*\"",
        "hdd" => "KERNEL==\"sd[a-z]*\", ATTR{queue/rotational}==\"1\"",
        _ => "KERNEL==\"sd[a-z]*|vd[a-z]*|xvd[a-z]*\", ATTR{queue/rotational}==\"0\"",
    };

    public override PersistenceForm Persistence => PersistenceForm.UdevRule;

    /// <summary>[disk] has elevator and readahead (KiB, like read_ahead_kb); the other two go through [sysfs], whose
    /// glob cannot tell rotational drives from others: an export restricts [disk] with devices= and has to say so
    /// for [sysfs].</summary>
    public override TunedOption Tuned(Knob knob, string value) => knob.Name switch
    {
        "scheduler" => new("disk", "elevator", value, Dedicated: true),
        "read_ahead_kb" => new("disk", "readahead", value, Dedicated: true),
        _ => FixForms.Sysfs($"/sys/block/{(knob.DeviceClass == "nvme" ? "nvme*" : "sd*")}/queue/{knob.Name}", value),
    };

    // /sys/block/DEV itself where a tree holds directories there (a copied tree, an old CONFIG_SYSFS_DEPRECATED
    // kernel); on a live host it is a link into /sys/devices, whose components (PCI addresses "0000:00:1d.0",
    // "target0:0:0", "nvme-subsys0", "cciss!c0d0") never start with a dot.
    [GeneratedRegex(@"^/sys/(block|devices(/[A-Za-z0-9_:!+-][A-Za-z0-9_.:!+-]{0,127})*)/[A-Za-z0-9_:!+-][A-Za-z0-9_.:!+-]{0,127}/queue/(scheduler|read_ahead_kb|nr_requests|max_sectors_kb)\z", RegexOptions.CultureInvariant)]
    private static partial Regex BlockQueue();

    [GeneratedRegex(@"^[A-Za-z0-9_:!+-][A-Za-z0-9_.:!+-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex BlockDeviceName();
}
