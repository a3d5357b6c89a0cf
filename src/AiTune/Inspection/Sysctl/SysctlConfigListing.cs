using AiTune.Facts;

namespace AiTune.Inspection.Sysctl;

/// <summary>The sysctl configuration files of a host, in the order they are applied at boot.</summary>
/// <param name="Files">Host paths in applied order: the sysctl.d winners sorted by basename, then
/// /etc/sysctl.conf when no sysctl.d link already brings it in.</param>
/// <param name="Masked">Files hidden by a same-named link to /dev/null in a directory of higher precedence
/// (the vendor files, not the links).</param>
/// <param name="Problems">Directories or links that could not be read.</param>
public sealed record SysctlConfigListing(IReadOnlyList<string> Files, IReadOnlyList<string> Masked, IReadOnlyList<UnknownReason> Problems);
