using AiTune.Inspection;
using AiTune.Text;

namespace AiTune.Knobs.Kinds;

/// <summary>
/// Everything aitune knows about one kind of knob, in one place: how profiles and plans name it, how to read it from
/// the facts, which kernel file holds it and whether aitune may write there, the runtime and the persistent fix, the
/// boot-time file that keeps it, how apply treats it, and which TuneD option sets the same thing. The audit's fix
/// text, apply, verify, persistence and the exports all ask the descriptor, so they cannot disagree; adding a kind
/// (cgroup settings, IRQ affinity) is one new subclass listed in <see cref="KnobKinds.All"/>.
/// Higher layers keep their own records (the audit's Fix, Tuning's writer): the descriptor hands them data.
/// </summary>
public abstract class KnobKindDescriptor
{
    /// <summary>The identity stored in knobs (and, through them, in journals and documents).</summary>
    public abstract KnobKind Kind { get; }

    /// <summary>What a knob id starts with, before the colon: "sysctl", "thp", "block" (block ids add the drive
    /// class: "block.nvme").</summary>
    public abstract string Prefix { get; }

    /// <summary>The id profiles and plans print: "sysctl:vm.swappiness".</summary>
    public virtual string IdOf(Knob knob) => $"{Prefix}:{knob.Name}";

    /// <summary>The knob an id's two halves name when the first is this kind's (whether the name is known is
    /// <see cref="IsKnown"/>'s question), else null.</summary>
    public virtual Knob? FromId(string prefix, string name) => prefix == Prefix ? new Knob(Kind, name) : null;

    /// <summary>Whether aitune knows this knob (a profile naming another is an error).</summary>
    public abstract bool IsKnown(Knob knob);

    /// <summary>What a profile error adds after "is not a knob aitune knows": the names there are, or the shape a
    /// name must have; "" when there is nothing useful to add.</summary>
    public virtual string UnknownNameHint => "";

    /// <summary>Why aitune never writes this knob, whatever a profile says (a sysctl that would lock the host out),
    /// or null.</summary>
    public virtual string? NeverWritten(Knob knob) => null;

    /// <summary>The sysctl key when the knob is a sysctl, else null: sysctl-only concerns (the boot configuration,
    /// bpftune, kubelet, sysctl.d) ask this instead of testing the kind.</summary>
    public virtual string? SysctlKey(Knob knob) => null;

    /// <summary>The knob's current values from the facts (never from the host directly: facts are the single
    /// source).</summary>
    /// <param name="node">For huge pages: the NUMA node whose share to read; null for the host-wide pool. Other
    /// kinds are host-wide or per device and ignore it.</param>
    public abstract KnobReading Read(HostFacts facts, Knob knob, int? node);

    /// <summary>The kernel file behind a known knob for one subject ("" for host-wide knobs, "policy0", "nvme0n1",
    /// "node1"), or null with the reason in <paramref name="notApplicable"/> when it has no runtime file on this
    /// host.</summary>
    /// <exception cref="AiTuneException">The subject is not a name the kernel gives (a hostile host tree could offer
    /// "../../etc" as a device name).</exception>
    public abstract KnobLocation? Locate(HostFacts facts, Knob knob, string subject, out string? notApplicable);

    /// <summary>Whether the kernel file at <paramref name="canonicalHostPath"/> (every link already resolved) is one
    /// of this kind's that aitune may write. The write path admits a file only when some kind claims it.</summary>
    public abstract bool MayWrite(string canonicalHostPath);

    /// <summary>The command that sets the value now (null when only a reboot can) and the form that survives the
    /// next boot and a package upgrade (never rc.local).</summary>
    /// <param name="subjects">The subjects whose values differ ("nvme0n1"; "nodeN" for a node's huge pages).</param>
    public abstract KnobFix Fix(Knob knob, string value, IReadOnlyList<string> subjects, FixSite site);

    /// <summary>Which boot-time file apply --persist writes the value to.</summary>
    public abstract PersistenceForm Persistence { get; }

    /// <summary>The TuneD plugin option that sets the same thing, for exports and for telling a TuneD profile apart
    /// from aitune's own settings.</summary>
    public abstract TunedOption Tuned(Knob knob, string value);

    /// <summary>Takes effect only at the next boot: the plan records a pending reboot instead of a write.</summary>
    public virtual bool TakesEffectAtBoot => false;

    /// <summary>A setting names one subject (a NUMA node's huge pages): the plan keeps only that subject's value.</summary>
    public virtual bool SettingNamesItsSubject => false;

    /// <summary>Values are per device: when the devices cannot be listed there is no file to name.</summary>
    public virtual bool PerDevice => false;

    /// <summary>Writing it takes memory from everything else, so the --max-hugepages-share guard applies (plan and
    /// audit alike).</summary>
    public virtual bool ReservesMemory => false;

    /// <summary>The kernel may grant less than asked because memory is fragmented: apply compacts memory and writes
    /// once more before it gives up.</summary>
    public virtual bool RetriesAfterCompaction => false;

    /// <summary>What apply reports when the kernel still holds another value after the write (and the retry), with
    /// the remedy where there is one; null for the generic message.</summary>
    public virtual string? Shortfall(Knob knob, string subject, string asked, string? held) => null;

    /// <summary>Why writing <paramref name="value"/> cannot be undone (only a reboot takes it back), or null.</summary>
    public virtual string? Irreversible(Knob knob, string value) => null;

    protected static void RequireHostWide(Knob knob, string subject) =>
        Require(knob, subject, subject.Length == 0, "\"\" (the knob is host-wide)");

    protected static void Require(Knob knob, string subject, bool valid, string expected)
    {
        if (!valid)
        {
            throw new AiTuneException($"'{DisplayText.Masked(subject, 64)}' is not a subject of {knob.Id}: expected {expected}",
                "the subject comes from the host's own file names; inspect the host again, or report the tree that produced it");
        }
    }

    /// <summary>A reading of one host-wide value.</summary>
    protected static KnobReading One(Facts.Fact<string> value) => new([new KnobValue("", value)], null);
}
