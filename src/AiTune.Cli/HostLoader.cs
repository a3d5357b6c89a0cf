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
    /// host, the kernel's keys too when a sysctl of a user profile in <paramref name="catalog"/> is absent (a misspelt
    /// key is then named with the closest one). Without a catalog (replanning from the journal) none is needed.</summary>
    public static HostFacts Load(string? rootArgument, IEnumerable<string> sysctls, ProfileCatalog? catalog)
    {
        var (root, source) = HostRootOpener.Open(rootArgument, AiTuneCli.Version);
        using (root)
        {
            return Inspect(root, source, sysctls, catalog);
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
            return (Inspect(root, source, ProfileSysctls(catalog), catalog), catalog);
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

    /// <summary>The facts for resolving a profile (see <see cref="Load(string?, IEnumerable{string}, ProfileCatalog?)"/>).</summary>
    private static HostFacts Inspect(HostRoot root, HostSource source, IEnumerable<string> sysctls, ProfileCatalog? catalog)
    {
        var facts = HostInspector.Inspect(root, source, sysctls);
        // Only a user profile's key can be misspelt: the built-in profiles' and the inspector's own are spelt right,
        // and a kernel may simply lack them.
        var userKeys = (catalog?.All ?? []).SelectMany(p => p.Settings)
            .Where(s => !s.BuiltIn && s.Knob.SysctlKey() is not null).Select(s => s.Knob.Name).ToHashSet(StringComparer.Ordinal);
        return facts with { Sysctls = SysctlInspector.WithKernelKeys(root, facts.Sysctls, userKeys.Contains) };
    }
}
