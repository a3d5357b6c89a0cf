using AiTune.Facts;

namespace AiTune.Inspection.Sysctl;

/// <summary>What the sysctl configuration files set at boot, resolved with systemd-sysctl's rules, and the
/// queries the audit and the tuning engine ask of it.</summary>
/// <param name="Files">Applied order (see <see cref="SysctlConfigListing.Files"/>).</param>
/// <param name="Masked">Vendor files hidden by a /dev/null link.</param>
/// <param name="Assignments">Every assignment of every file, in applied order.</param>
/// <param name="Boot">By dotted key as written: explicit keys, and glob keys under their pattern
/// ("net.ipv4.conf.*.rp_filter"). A key excluded by a later <c>-key</c> line is not here (systemd does not set it).</param>
/// <param name="GlobOrder">Glob keys of <paramref name="Boot"/> in the order systemd-sysctl writes them
/// (its ordered map: a key moves to the end when a later file changes its value).</param>
/// <param name="Excluded">Keys whose last word is a <c>-key</c> exclusion.</param>
/// <param name="Problems">Files or lines that could not be read or parsed: the boot values may be incomplete.</param>
public sealed record BootSysctlConfiguration(
    IReadOnlyList<string> Files,
    IReadOnlyList<string> Masked,
    IReadOnlyList<SysctlAssignment> Assignments,
    IReadOnlyDictionary<string, BootSysctl> Boot,
    IReadOnlyList<string> GlobOrder,
    IReadOnlySet<string> Excluded,
    IReadOnlyList<UnknownReason> Problems)
{
    public static readonly BootSysctlConfiguration Empty = new([], [], [], new Dictionary<string, BootSysctl>(), [], new HashSet<string>(), []);

    /// <summary>Every <c>-key</c> line of every file, in applied order: an exclusion applied after an explicit
    /// assignment of the same key cancels it, so persistence must know where each one sits.</summary>
    public IReadOnlyList<SysctlExclusion> Exclusions { get; init; } = [];

    /// <summary>What boot would write to <paramref name="key"/> (dotted, no glob): its explicit assignment, else
    /// the last glob that matches it. sysctl.d(5): "Keys for which an explicit pattern exists will be excluded
    /// from any glob matching." Null when nothing sets it.</summary>
    public BootSysctl? EffectiveFor(string key)
    {
        if (Boot.TryGetValue(key, out var explicitValue) && !SysctlGlob.IsGlob(key))
        {
            return explicitValue;
        }

        if (Excluded.Contains(key))
        {
            return null;
        }

        BootSysctl? winner = null;
        foreach (var pattern in GlobOrder)
        {
            if (SysctlGlob.Matches(pattern, key))
            {
                winner = Boot[pattern];
            }
        }

        return winner;
    }

    /// <summary>The assignments of <paramref name="key"/> that a file named <paramref name="fileName"/> (a
    /// basename, such as aitune's own "90-aitune-x.conf") would lose to: those in files applied after it.</summary>
    public IReadOnlyList<SysctlAssignment> AssignmentsAfter(string fileName, string key)
    {
        var later = Files.Where(f => AppliedAfter(f, fileName)).ToHashSet(StringComparer.Ordinal);
        return Assignments.Where(a => a.Key == key && later.Contains(a.File)).ToList();
    }

    /// <summary>Whether <paramref name="file"/> (a host path from <see cref="Files"/>) is applied after a sysctl.d file
    /// named <paramref name="fileName"/>: the one boot order that apply, verify and the audit share. sysctl.d files
    /// by basename, whatever their directory (/etc hides a same-named file elsewhere, so only one of them is
    /// listed); /etc/sysctl.conf after everything (procps `sysctl --system` reads it last; systemd-sysctl reads it
    /// only through the 99-sysctl.conf link, which is then listed under that name instead); the kernel command line's
    /// sysctl.* parameters (<see cref="SysctlConfigDiscovery.KernelCommandLine"/>) before everything, as the kernel
    /// applies them before userspace starts.</summary>
    public static bool AppliedAfter(string file, string fileName) =>
        file != SysctlConfigDiscovery.KernelCommandLine
        && (file == SysctlConfigDiscovery.SysctlConf || string.CompareOrdinal(Path.GetFileName(file), fileName) > 0);
}
