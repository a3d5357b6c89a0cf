using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Knobs.Persistence;
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

    /// <summary>The sysctl.d file the fixes name: the one <c>apply --persist</c> would write on this host for the selected
    /// profiles' sysctls (<see cref="SysctlDropInName.PathFor"/>, the choice apply makes, against the same files in the same
    /// boot order); null when every NN-aitune.conf name is taken by other files.</summary>
    public string? SysctlFile
    {
        get
        {
            if (!sysctlFileChosen)
            {
                sysctlFile = SysctlDropInName.PathFor(Facts.Sysctls.BootConfiguration, PersistedSysctlKeys());
                sysctlFileChosen = true;
            }

            return sysctlFile;
        }
    }

    private string? sysctlFile;
    private bool sysctlFileChosen;

    /// <summary>The keys apply persists: the profiles' sysctl knobs that apply here, without a conflict, whose current
    /// value is known (the planner sets or keeps exactly those).</summary>
    private List<string> PersistedSysctlKeys() => Resolved.Combined
        .Where(c => c.Knob.SysctlKey() is not null && c.Expectation is not null && c.Conflict is null && Facts.Sysctls.Get(c.Knob.Name).IsKnown)
        .ToList()
        .ConvertAll(c => c.Knob.Name);

    /// <summary>Only the statuses and severities are wanted (the other profiles' scores): rules may leave out their fix
    /// text, the costliest part of a finding (it names the file apply would write, against every boot file).</summary>
    public bool ScoreOnly { get; init; }

    /// <summary>The moment dates are judged against: when the host was seen.</summary>
    public DateTimeOffset Now => Facts.Source.CapturedAt ?? DateTimeOffset.UtcNow;
}
