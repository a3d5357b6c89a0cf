using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Sysctl;
using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Snapshots;

namespace AiTune.Cli;

/// <summary>Opens --root and reads the facts once, including every sysctl a profile expects.</summary>
public static class HostLoader
{
    /// <summary>Keys spelt right by aitune itself: a kernel may lack them, and no closest key is asked for.</summary>
    private static readonly HashSet<string> BuiltInSysctls =
        ProfileSysctls(ProfileCatalog.BuiltIn).Concat(HostInspector.OwnSysctls).ToHashSet(StringComparer.Ordinal);

    public static IEnumerable<string> ProfileSysctls(ProfileCatalog catalog) =>
        catalog.All.SelectMany(p => p.Settings).Where(s => s.Knob.SysctlKey() is not null).Select(s => s.Knob.Name).Distinct();

    /// <summary>The facts, with the sysctls the profiles of <paramref name="catalog"/> expect among them, for commands
    /// that resolve no profile (inspect, bench).</summary>
    public static HostFacts Load(string? rootArgument, ProfileCatalog catalog)
    {
        var (root, source) = HostRootOpener.Open(rootArgument, AiTuneCli.Version);
        using (root)
        {
            return HostInspector.Inspect(root, source, ProfileSysctls(catalog));
        }
    }

    /// <summary>The facts for resolving a profile, with <paramref name="sysctls"/> among the sysctls read; on the live
    /// host, the kernel's keys too when one of them is absent (a misspelt key in a user profile is then named with the
    /// closest one).</summary>
    public static HostFacts Load(string? rootArgument, IEnumerable<string> sysctls)
    {
        var (root, source) = HostRootOpener.Open(rootArgument, AiTuneCli.Version);
        using (root)
        {
            return Inspect(root, source, sysctls);
        }
    }

    /// <summary>The profiles of this host (built-in, its /etc/aitune/profiles.d, and --profile-file), then its facts,
    /// with the sysctls the user profiles expect among them.</summary>
    public static (HostFacts Facts, ProfileCatalog Catalog) LoadWithProfiles(string? rootArgument, IReadOnlyList<string> profileFiles)
    {
        var (root, source) = HostRootOpener.Open(rootArgument, AiTuneCli.Version);
        using (root)
        {
            var catalog = ProfileCatalog.Load(root, profileFiles);
            return (Inspect(root, source, ProfileSysctls(catalog)), catalog);
        }
    }

    /// <summary>The profiles of this host, without reading its facts.</summary>
    public static ProfileCatalog LoadProfiles(string? rootArgument, IReadOnlyList<string> profileFiles)
    {
        var (root, _) = HostRootOpener.Open(rootArgument, AiTuneCli.Version);
        using (root)
        {
            return ProfileCatalog.Load(root, profileFiles);
        }
    }

    /// <summary>The facts for resolving a profile (see <see cref="Load(string?, IEnumerable{string})"/>).</summary>
    private static HostFacts Inspect(HostRoot root, HostSource source, IEnumerable<string> sysctls)
    {
        var facts = HostInspector.Inspect(root, source, sysctls);
        return facts with { Sysctls = SysctlInspector.WithKernelKeys(root, facts.Sysctls, key => !BuiltInSysctls.Contains(key)) };
    }
}
