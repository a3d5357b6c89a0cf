namespace AiTune.Knobs.Persistence;

/// <summary>Where aitune's boot-time files live. These are the only paths persistence ever names, so a path
/// read back from the journal can be checked against them before anything is removed as root.</summary>
public static class PersistencePaths
{
    public const string SysctlDirectory = "/etc/sysctl.d";

    /// <summary>"NN-aitune.conf": NN places the file in systemd-sysctl's order (see <see cref="SysctlDropInName"/>).</summary>
    public const string SysctlSuffix = "-aitune.conf";

    /// <summary>Late in udev's order: rules applied after ours would undo our writes, and distributions and
    /// guides ship scheduler rules as 60-ioschedulers.rules (Arch, CachyOS), which "60-aitune.rules" would sort
    /// before. udev processes every rules file by name, /etc overriding a same-named file in /usr/lib.</summary>
    public const string UdevRule = "/etc/udev/rules.d/99-aitune.rules";

    public const string Tmpfiles = "/etc/tmpfiles.d/aitune.conf";

    /// <summary>A shell fragment grub-mkconfig sources after /etc/default/grub (Debian and Ubuntu read
    /// /etc/default/grub.d/*.cfg).</summary>
    public const string Grub = "/etc/default/grub.d/90-aitune.cfg";

    public static string SysctlFileName(int prefix) => $"{prefix:D2}{SysctlSuffix}";

    /// <summary>Whether <paramref name="path"/> is one of the files persistence writes: the three fixed ones, or
    /// /etc/sysctl.d/NN-aitune.conf with NN two digits.</summary>
    public static bool IsAituneFile(string path)
    {
        if (path is UdevRule or Tmpfiles or Grub)
        {
            return true;
        }

        string prefix = SysctlDirectory + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var name = path.AsSpan(prefix.Length);
        return name.Length == 2 + SysctlSuffix.Length && char.IsAsciiDigit(name[0]) && char.IsAsciiDigit(name[1])
            && name[2..].SequenceEqual(SysctlSuffix);
    }
}
