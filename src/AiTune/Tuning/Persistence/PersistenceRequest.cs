namespace AiTune.Tuning.Persistence;

/// <summary>What <c>aitune apply --persist</c> asks to survive a reboot: the values just applied, by kind.</summary>
/// <param name="Profile">The profile applied ("inference-throughput").</param>
/// <param name="AppliedAt">When, for the sysctl file's header.</param>
/// <param name="User">Who ("root", or the sudo user), for the sysctl file's header.</param>
/// <param name="Sysctls">Dotted keys and values.</param>
/// <param name="BlockSettings">Queue attributes per drive class.</param>
/// <param name="SysfsWrites">sysfs files and values (THP, cpufreq, per-node huge pages), in the order to write them.</param>
/// <param name="CmdlineParameters">Kernel parameters in command-line order; an empty value is a bare flag ("nosmt").</param>
public sealed record PersistenceRequest(
    string Profile,
    DateTimeOffset AppliedAt,
    string User,
    IReadOnlyList<(string Key, string Value)> Sysctls,
    IReadOnlyList<BlockSetting> BlockSettings,
    IReadOnlyList<(string Path, string Value)> SysfsWrites,
    IReadOnlyList<(string Name, string Value)> CmdlineParameters)
{
    /// <summary>Files an earlier <c>--persist</c> wrote, as the journal recorded them: their lines do not count
    /// as rivals of the new sysctl file, and those not written again are <see cref="PersistencePlan.Obsolete"/>.</summary>
    public IReadOnlyList<string> OwnedFiles { get; init; } = [];
}
