using AiTune.Facts;
using AiTune.Inspection;

namespace AiTune.Knobs.Kinds;

/// <summary>"cmdline:NAME": a kernel command-line parameter. It has no runtime file: it takes effect at the next boot,
/// from the GRUB drop-in apply --persist writes.</summary>
public sealed class CmdlineKind : KnobKindDescriptor
{
    public override KnobKind Kind => KnobKind.Cmdline;

    public override string Prefix => "cmdline";

    public override bool IsKnown(Knob knob) =>
        knob.Name.Length > 0 && knob.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    public override bool TakesEffectAtBoot => true;

    public override KnobReading Read(HostFacts facts, Knob knob, int? node) => facts.Kernel.Cmdline.TryGet(out var cmdline)
        ? One(cmdline.Get(knob.Name) ?? "(not set)")
        : One(Fact.Unknown<string>(facts.Kernel.Cmdline.Reason!));

    public override KnobLocation? Locate(HostFacts facts, Knob knob, string subject, out string? notApplicable)
    {
        notApplicable = "takes effect at the next boot (a kernel command-line parameter has no runtime file)";
        return null;
    }

    /// <summary>No kernel file: the command line is written by the bootloader, never by aitune at runtime.</summary>
    public override bool MayWrite(string canonicalHostPath) => false;

    public override KnobFix Fix(Knob knob, string value, IReadOnlyList<string> subjects, FixSite site) => FixForms.KernelParameter($"{knob.Name}={value}");

    public override PersistenceForm Persistence => PersistenceForm.GrubDropIn;

    public override TunedOption Tuned(Knob knob, string value) => new("bootloader", "cmdline", $"{knob.Name}={value}", Dedicated: false);
}
