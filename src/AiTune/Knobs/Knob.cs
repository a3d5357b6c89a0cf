using AiTune.Knobs.Kinds;

namespace AiTune.Knobs;

/// <summary>A setting of the host that a profile can expect (and, later, set): "sysctl:vm.swappiness",
/// "thp:enabled", "cpu:governor", "block.nvme:scheduler", "cmdline:iommu".</summary>
/// <param name="DeviceClass">For block knobs: nvme, ssd or hdd.</param>
public sealed record Knob(KnobKind Kind, string Name, string? DeviceClass = null)
{
    public static readonly IReadOnlyList<string> DeviceClasses = ["nvme", "ssd", "hdd"];

    public string Id => KnobKinds.Of(Kind).IdOf(this);

    public override string ToString() => Id;

    /// <summary>The knob an <see cref="Id"/> names ("sysctl:vm.swappiness", "block.nvme:scheduler"), or null when it
    /// names none aitune knows.</summary>
    public static Knob? TryParse(string id)
    {
        int colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var (kind, name) = (id[..colon], id[(colon + 1)..]);
        var knob = KnobKinds.All.Select(d => d.FromId(kind, name)).FirstOrDefault(k => k is not null);
        return knob is not null && KnobReader.IsKnown(knob) ? knob : null;
    }

    /// <summary>The sysctl key when this knob is a sysctl, else null (see <see cref="KnobKindDescriptor.SysctlKey"/>).</summary>
    public string? SysctlKey() => KnobKinds.Of(Kind).SysctlKey(this);

    public static Knob Sysctl(string key) => new(KnobKind.Sysctl, key);

    public static Knob Thp(string name) => new(KnobKind.Thp, name);

    public static Knob Cpu(string name) => new(KnobKind.Cpu, name);

    public static Knob Block(string deviceClass, string name) => new(KnobKind.Block, name, deviceClass);

    public static Knob Cmdline(string name) => new(KnobKind.Cmdline, name);

    /// <param name="size">The kernel's name for the page size: "2048kB", "1048576kB".</param>
    public static Knob HugePages(string size) => new(KnobKind.HugePages, size);

    public static Knob Scheduler(string name) => new(KnobKind.Scheduler, name);
}
