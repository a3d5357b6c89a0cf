namespace AiTune.Inspection.Sysctl;

/// <summary>One <c>key = value</c> line of a sysctl configuration file.</summary>
/// <param name="Key">Dotted key; may contain a glob (<c>net.ipv4.conf.*.rp_filter</c>).</param>
/// <param name="IgnoreFailure">The line started with '-': systemd-sysctl ignores failures for it.</param>
public sealed record SysctlAssignment(string Key, string Value, string File, int Line, bool IgnoreFailure);
