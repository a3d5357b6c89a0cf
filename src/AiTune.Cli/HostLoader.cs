using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Profiles;
using AiTune.Tuning.Knobs;

namespace AiTune.Cli;

/// <summary>Opens --root and reads the facts once, including every sysctl a built-in profile expects.</summary>
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
}
