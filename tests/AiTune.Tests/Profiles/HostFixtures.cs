using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Snapshots;
using AiTune.Tests.Support;

namespace AiTune.Tests.Profiles;

/// <summary>Facts of the host fixtures, read once per test run (they are immutable).</summary>
internal static class HostFixtures
{
    private static readonly Dictionary<string, HostFacts> Cache = new(StringComparer.Ordinal);

    public static HostFacts Facts(string fixture)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(fixture, out var facts))
            {
                var (root, source) = HostRootOpener.Open(FixturePaths.Host(fixture), "test");
                using (root)
                {
                    var sysctls = ProfileCatalog.BuiltIn.All.SelectMany(p => p.Settings).Where(s => s.Knob.Kind == KnobKind.Sysctl).Select(s => s.Knob.Name);
                    facts = HostInspector.Inspect(root, source, sysctls);
                }

                Cache[fixture] = facts;
            }

            return facts;
        }
    }
}
