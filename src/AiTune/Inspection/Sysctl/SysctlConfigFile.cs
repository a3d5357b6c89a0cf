using AiTune.Facts;

namespace AiTune.Inspection.Sysctl;

/// <summary>One sysctl.d file, parsed.</summary>
/// <param name="Assignments">The <c>key = value</c> lines, in file order.</param>
/// <param name="Exclusions">The <c>-key</c> lines, in file order.</param>
/// <param name="Problems">Lines systemd-sysctl would skip with a warning ("Line is not an assignment").</param>
public sealed record SysctlConfigFile(
    string Path,
    IReadOnlyList<SysctlAssignment> Assignments,
    IReadOnlyList<SysctlExclusion> Exclusions,
    IReadOnlyList<UnknownReason> Problems);
