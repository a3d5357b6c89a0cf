namespace AiTune.Profiles;

/// <summary>How disagreements between combined profiles are stated, for the selection (on any host) and for a
/// resolved profile (on one host): one line per contradiction, never resolved silently.</summary>
public static class ProfileConflicts
{
    /// <summary>"workload: inference vs training" when the components name different workloads.</summary>
    public static IEnumerable<string> Workloads(IEnumerable<Profile> components)
    {
        var workloads = components.Where(c => c.Workload is not null).Select(c => c.Workload!).Distinct().ToList();
        if (workloads.Count > 1)
        {
            yield return $"workload: {string.Join(" vs ", workloads)}";
        }
    }

    /// <summary>"thp:enabled: a wants madvise; b wants always" when the wants of one knob differ, else null.</summary>
    public static string? Knob(string knob, IReadOnlyList<(string Profile, string Wants)> wants) =>
        wants.Select(w => w.Wants).Distinct().Count() > 1
            ? $"{knob}: {string.Join("; ", wants.Select(w => $"{w.Profile} wants {w.Wants}"))}"
            : null;
}
