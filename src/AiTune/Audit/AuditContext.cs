using AiTune.Inspection;
using AiTune.Profiles;

namespace AiTune.Audit;

/// <summary>What every rule sees: the facts, the profile selection, the model if any, and the selection resolved
/// for this host and model.</summary>
public sealed record AuditContext(HostFacts Facts, ProfileSelection Profile, ModelRequirement? Model)
{
    /// <summary>What the selected profiles want on this host: the settings knob rules judge, and the tuner applies.</summary>
    public ResolvedProfile Resolved { get; } = ProfileResolver.Resolve(Profile, Facts, Model);

    /// <summary>The GPUs and other AI accelerators (never a BMC's or VM's display adapter), empty when they could not
    /// be listed: rules about accelerators check <see cref="AcceleratorsUnknown"/> first.</summary>
    public IReadOnlyList<Inspection.Accelerators.Accelerator> Accelerators => Facts.Accelerators.GetValueOrDefault([]);

    /// <summary>Why the PCI bus could not be listed, or null.</summary>
    public UnknownReason? AcceleratorsUnknown => Facts.Accelerators.Reason;

    /// <summary>The moment dates are judged against: when the host was seen.</summary>
    public DateTimeOffset Now => Facts.Source.CapturedAt ?? DateTimeOffset.UtcNow;
}
