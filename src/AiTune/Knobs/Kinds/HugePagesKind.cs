using System.Globalization;
using System.Text.RegularExpressions;
using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Knobs.Persistence;

namespace AiTune.Knobs.Kinds;

/// <summary>"hugepages:SIZE": nr_hugepages of one page size ("2048kB"), host-wide (subject "") at
/// /sys/kernel/mm/hugepages/hugepages-SIZE, or one NUMA node's share (subject "nodeN") under
/// /sys/devices/system/node/nodeN. The kernel may grant fewer than asked, so apply compacts and retries, and the
/// reliable form is a boot-time reservation on the kernel command line.</summary>
public sealed partial class HugePagesKind : KnobKindDescriptor
{
    public override KnobKind Kind => KnobKind.HugePages;

    public override string Prefix => "hugepages";

    public override bool IsKnown(Knob knob) => IsSizeName(knob.Name);

    /// <summary>"2048kB": the size as the kernel names its hugepages-SIZE directories (digits, then kB).</summary>
    public static bool IsSizeName(string name) =>
        name.Length is > 2 and < 16 && name.EndsWith("kB", StringComparison.Ordinal) && name[..^2].All(char.IsAsciiDigit) && name[0] != '0';

    public override string UnknownNameHint => " (a huge page size as the kernel names it: 2048kB, 1048576kB)";

    public override bool SettingNamesItsSubject => true;

    public override bool ReservesMemory => true;

    public override bool RetriesAfterCompaction => true;

    /// <summary>nr_hugepages of one size: the host-wide pool (subject ""), or one node's share (subject "nodeN").</summary>
    public override KnobReading Read(HostFacts facts, Knob knob, int? node)
    {
        var size = knob.Name;
        long pageBytes = long.Parse(size[..^2], CultureInfo.InvariantCulture) * 1024;
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
            return One(pools.First(p => p.PageSizeBytes == pageBytes).Total.Map(Text));
        }

        if (!memory.NumaNodes.TryGet(out var nodes))
        {
            return new KnobReading([new KnobValue($"node{id}", Fact.Unknown<string>(memory.NumaNodes.Reason!))], null);
        }

        var share = nodes.FirstOrDefault(n => n.Id == id)?.HugePages.FirstOrDefault(h => h.PageSizeBytes == pageBytes);
        return share is null
            ? KnobReading.Absent($"NUMA node {id} has no {size} huge page pool")
            : new KnobReading([new KnobValue($"node{id}", share.Total.Map(Text))], null);

        static string Text(long v) => v.ToString(CultureInfo.InvariantCulture);
    }

    public override KnobLocation? Locate(HostFacts facts, Knob knob, string subject, out string? notApplicable)
    {
        notApplicable = null;
        if (subject.Length == 0)
        {
            return new KnobLocation(PathOf(knob.Name, null));
        }

        Require(knob, subject, NodeName().IsMatch(subject), "\"\" (host-wide) or a NUMA node (node0)");
        return new KnobLocation(PathOf(knob.Name, subject));
    }

    private static string PathOf(string size, string? node) => node is null
        ? $"/sys/kernel/mm/hugepages/hugepages-{size}/nr_hugepages"
        : $"/sys/devices/system/node/{node}/hugepages/hugepages-{size}/nr_hugepages";

    public override bool MayWrite(string canonicalHostPath) => NrHugePages().IsMatch(canonicalHostPath);

    /// <param name="subjects">"nodeN" first for a node's share; none for the host-wide pool.</param>
    public override KnobFix Fix(Knob knob, string value, IReadOnlyList<string> subjects, FixSite site)
    {
        var node = subjects.Count > 0 ? subjects[0] : null;
        return new KnobFix($"echo 1 > /proc/sys/vm/compact_memory; echo {value} > {PathOf(knob.Name, node)} (then read it back: the kernel may grant fewer)",
            $"reserve at boot, before memory fragments: add {BootParameters(knob.Name, value, node)} to GRUB_CMDLINE_LINUX_DEFAULT in {PersistencePaths.Grub}" +
            (node is null ? "" : " (per-node counts need kernel 5.18+)") + ", run update-grub and reboot");
    }

    /// <summary>"hugepagesz=2M hugepages=512" ("hugepages=1:512" for node 1): the boot-time reservation.</summary>
    private static string BootParameters(string size, string count, string? node)
    {
        return $"hugepagesz={SizeParameter(size)} hugepages={(node is null ? count : $"{node["node".Length..]}:{count}")}";
    }

    /// <summary>The page size as hugepagesz= takes it: "2M", "1G", "64K" (arm64's 64 KiB pages), the largest unit
    /// that divides it.</summary>
    private static string SizeParameter(string size)
    {
        long kb = long.Parse(size[..^2], CultureInfo.InvariantCulture);
        return kb % (1 << 20) == 0 ? $"{kb >> 20}G" : kb % 1024 == 0 ? $"{kb >> 10}M" : $"{kb}K";
    }

    /// <summary>Applied values are written to nr_hugepages at every boot by tmpfiles.d, like the other sysfs knobs.</summary>
    public override PersistenceForm Persistence => PersistenceForm.Tmpfiles;

    /// <summary>[sysctl] vm.nr_hugepages covers only the default page size and no node, and TuneD's own docs warn
    /// against it (rhbz#2004508); the boot-time reservation covers every size.</summary>
    public override TunedOption Tuned(Knob knob, string value) => new("bootloader", "cmdline", BootParameters(knob.Name, value, null), Dedicated: false);

    public override string? Shortfall(Knob knob, string subject, string asked, string? held) =>
        $"the kernel granted {held} of {asked} huge pages of {knob.Name} (memory too fragmented or too small at runtime, even after compaction); "
        + $"reserve them at boot instead: {BootRemedy(knob.Name, subject, asked)}";

    /// <summary>Apply's remedy names the same parameters as the audit's fix (<see cref="BootParameters"/>).</summary>
    private static string BootRemedy(string size, string subject, string pages) =>
        BootParameters(size, pages, subject.StartsWith("node", StringComparison.Ordinal) ? subject : null) +
        " on the kernel command line (a [cmdline] setting, written to the GRUB drop-in by apply --persist)";

    [GeneratedRegex(@"^/sys/(kernel/mm|devices/system/node/node[0-9]{1,4})/hugepages/hugepages-[1-9][0-9]{0,12}kB/nr_hugepages\z", RegexOptions.CultureInvariant)]
    private static partial Regex NrHugePages();

    [GeneratedRegex(@"^node[0-9]{1,4}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NodeName();
}
