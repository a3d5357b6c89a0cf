namespace AiTune.Inspection.Sysctl;

/// <summary>The value a sysctl key gets at boot and where it comes from.</summary>
/// <param name="Value">The value as written in the file.</param>
/// <param name="File">The file that wins ("/etc/sysctl.d/99-x.conf").</param>
/// <param name="Line">1-based line in that file.</param>
/// <param name="Overridden">Earlier assignments of the same key that this one overrides.</param>
public sealed record BootSysctl(string Key, string Value, string File, int Line, IReadOnlyList<SysctlAssignment> Overridden);
