using AiTune.Facts;

namespace AiTune.Inspection.Security;

/// <summary>Kernel security state. The hardening sysctls themselves are in <see cref="Sysctl.SysctlFacts"/>.</summary>
/// <param name="Lockdown">none, integrity or confidentiality (/sys/kernel/security/lockdown).</param>
/// <param name="Lsms">Active LSMs in order (/sys/kernel/security/lsm).</param>
public sealed record SecurityFacts(Fact<string> Lockdown, Fact<IReadOnlyList<string>> Lsms);
