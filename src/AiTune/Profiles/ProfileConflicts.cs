using AiTune.Knobs;

namespace AiTune.Profiles;

/// <summary>Where combined profiles disagree, decided once for the audit and the tuner alike: one line per
/// contradiction, never resolved silently. Settings that a single value satisfies together do not disagree.</summary>
public static class ProfileConflicts
{
    /// <summary>"workload: inference vs training" when the components name different workloads.</summary>
    public static IEnumerable<string> Workloads(IEnumerable<Profile> components)
    {
        var workloads = components.Where(c => c.Workload is not null).ToList().ConvertAll(c => c.Workload!).Distinct().ToList();
        if (workloads.Count > 1)
        {
            yield return $"workload: {string.Join(" vs ", workloads)}";
        }
    }

    /// <summary>The settings of a selection resolved for one host, combined per knob (in the order the knobs first
    /// appear). A skipped setting conflicts with nothing; settings that one value satisfies together ("madvise" and
    /// "always|madvise"; "&gt;=10" and "&gt;=20") combine into the expectation that takes both; settings no value
    /// satisfies together, or that place huge pages on different NUMA nodes, are a conflict.</summary>
    public static IReadOnlyList<CombinedSetting> Combine(IReadOnlyList<ResolvedSetting> settings)
    {
        // Grouped by hand: GroupBy(…).Select(…) is a generic virtual call that NativeAOT resolves at run time, in
        // every command that resolves a profile.
        var groups = new Dictionary<string, List<ResolvedSetting>>(StringComparer.Ordinal);
        var order = new List<List<ResolvedSetting>>();
        foreach (var setting in settings)
        {
            if (!groups.TryGetValue(setting.Knob.Id, out var group))
            {
                groups[setting.Knob.Id] = group = [];
                order.Add(group);
            }

            group.Add(setting);
        }

        return order.ConvertAll(Combine);
    }

    private static CombinedSetting Combine(List<ResolvedSetting> settings)
    {
        var knob = settings[0].Knob;
        var applying = settings.Where(s => s.Expectation is not null).ToList();
        if (applying.Count == 0)
        {
            return new CombinedSetting(knob, settings, null, null);
        }

        Expectation? combined = applying[0].Expectation;
        foreach (var setting in applying.Skip(1))
        {
            combined = combined?.Intersect(setting.Expectation!);
        }

        bool samePlace = applying.Select(s => s.Node).Distinct().Count() == 1;
        return combined is not null && samePlace
            ? new CombinedSetting(knob, settings, combined, null)
            : new CombinedSetting(knob, settings, null, $"{knob.Id}: {string.Join("; ", applying.Select(s => $"{s.Profile} wants {Wants(s)}"))}");
    }

    /// <summary>"&gt;= 4096", or "&gt;= 36352 on node 1" for a setting placed on a node.</summary>
    public static string Wants(ResolvedSetting setting) =>
        setting.Node is { } node ? $"{setting.Expectation} on node {node}" : setting.Expectation!.ToString();
}
