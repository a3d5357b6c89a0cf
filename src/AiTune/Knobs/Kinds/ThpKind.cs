using System.Text.RegularExpressions;
using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Knobs.Persistence;

namespace AiTune.Knobs.Kinds;

/// <summary>"thp:NAME": /sys/kernel/mm/transparent_hugepage/NAME, persisted in tmpfiles.d (enabled also on the
/// kernel command line).</summary>
public sealed partial class ThpKind : KnobKindDescriptor
{
    private const string Directory = "/sys/kernel/mm/transparent_hugepage";

    public static readonly IReadOnlyList<string> Names = ["enabled", "defrag", "khugepaged_defrag", "shmem_enabled"];

    public override KnobKind Kind => KnobKind.Thp;

    public override string Prefix => "thp";

    public override bool IsKnown(Knob knob) => Names.Contains(knob.Name);

    public override string UnknownNameHint => $" (THP settings: {string.Join(", ", Names)})";

    public override KnobReading Read(HostFacts facts, Knob knob, int? node)
    {
        if (!facts.Memory.Thp.TryGet(out var thp))
        {
            return facts.Memory.Thp.Reason!.Kind == UnknownKind.Absent
                ? KnobReading.Absent("the kernel is built without transparent huge pages")
                : One(Fact.Unknown<string>(facts.Memory.Thp.Reason!));
        }

        var value = knob.Name switch
        {
            "enabled" => thp.Enabled,
            "defrag" => thp.Defrag,
            "khugepaged_defrag" => thp.KhugepagedDefrag.Map(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => thp.ShmemEnabled,
        };
        return One(value);
    }

    /// <summary>khugepaged_defrag lives one directory down, as khugepaged/defrag.</summary>
    private static string PathOf(string name) => $"{Directory}/" + (name == "khugepaged_defrag" ? "khugepaged/defrag" : name);

    public override KnobLocation? Locate(HostFacts facts, Knob knob, string subject, out string? notApplicable)
    {
        notApplicable = null;
        RequireHostWide(knob, subject);
        return new KnobLocation(PathOf(knob.Name));
    }

    public override bool MayWrite(string canonicalHostPath) => ThpFile().IsMatch(canonicalHostPath);

    public override KnobFix Fix(Knob knob, string value, IReadOnlyList<string> subjects, FixSite site)
    {
        var path = PathOf(knob.Name);
        var runtime = $"echo {value} > {path}";
        return knob.Name == "enabled"
            ? new KnobFix(runtime, $"add transparent_hugepage={value} to GRUB_CMDLINE_LINUX_DEFAULT in {PersistencePaths.Grub} and run update-grub; or add \"w {path} - - - - {value}\" to {PersistencePaths.Tmpfiles}")
            : FixForms.Tmpfiles(path, value, runtime);
    }

    public override PersistenceForm Persistence => PersistenceForm.Tmpfiles;

    /// <summary>[vm] has options for enabled and defrag only; the others go through [sysfs].</summary>
    public override TunedOption Tuned(Knob knob, string value) => knob.Name switch
    {
        "enabled" => new("vm", "transparent_hugepages", value, Dedicated: true),
        "defrag" => new("vm", "transparent_hugepage.defrag", value, Dedicated: true),
        _ => FixForms.Sysfs(PathOf(knob.Name), value),
    };

    [GeneratedRegex(@"^/sys/kernel/mm/transparent_hugepage/(enabled|defrag|shmem_enabled|khugepaged/defrag)\z", RegexOptions.CultureInvariant)]
    private static partial Regex ThpFile();
}
