using AiTune.Inspection.Sysctl;

namespace AiTune.Knobs.Persistence;

/// <summary>A line of another sysctl configuration file that speaks about one of aitune's keys: an explicit
/// assignment, a glob assignment that matches the key, or a <c>-key</c> exclusion.</summary>
/// <param name="Key">aitune's key ("net.ipv4.conf.all.rp_filter").</param>
/// <param name="AituneValue">The value aitune persists for it.</param>
/// <param name="File">The other file ("/etc/sysctl.d/99-vm-zram-parameters.conf", or "/etc/sysctl.conf").</param>
/// <param name="Line">1-based line in <paramref name="File"/>.</param>
/// <param name="WrittenKey">The key as the line names it: <paramref name="Key"/> itself, or a glob
/// ("net.ipv4.conf.*.rp_filter").</param>
/// <param name="Value">The value the line assigns; null for an exclusion.</param>
public sealed record SysctlRival(string Key, string AituneValue, string File, int Line, string WrittenKey, string? Value)
{
    /// <summary>A <c>-key</c> line: applied after aitune's file, systemd-sysctl leaves the key unset.</summary>
    public bool IsExclusion => Value is null;

    /// <summary>A glob line. systemd-sysctl never applies a glob to a key that some file sets explicitly, so only
    /// procps <c>sysctl --system</c>, which applies every line in order, lets a later glob override aitune.</summary>
    public bool IsGlob => SysctlGlob.IsGlob(WrittenKey);

    /// <summary>The line assigns the value aitune persists: applied after aitune's file, it changes nothing.</summary>
    public bool Agrees => Value == AituneValue;
}
