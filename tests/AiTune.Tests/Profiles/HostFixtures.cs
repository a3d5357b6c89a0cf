using AiTune.Inspection;
using AiTune.Profiles;
using AiTune.Services.Hosts;
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
                facts = new HostOpening("test").Facts(FixturePaths.Host(fixture), ProfileCatalog.BuiltIn);
                Cache[fixture] = facts;
            }

            return facts;
        }
    }
}
