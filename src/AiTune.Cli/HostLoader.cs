using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Profiles;
using AiTune.Tuning.Knobs;

namespace AiTune.Cli;

/// <summary>Opens --root and reads the facts once, including every sysctl a profile expects.</summary>
public static class HostLoader
{
    public static IEnumerable<string> ProfileSysctls(ProfileCatalog catalog) =>
        catalog.All.SelectMany(p => p.Settings).Where(s => s.Knob.Kind == KnobKind.Sysctl).Select(s => s.Knob.Name).Distinct();

    public static HostFacts Load(string? rootArgument, ProfileCatalog catalog)
    {
        var (root, source) = HostRootOpener.Open(rootArgument, AiTuneCli.Version);
        using (root)
        {
            return HostInspector.Inspect(root, source, ProfileSysctls(catalog));
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
            return (HostInspector.Inspect(root, source, ProfileSysctls(catalog)), catalog);
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
}
