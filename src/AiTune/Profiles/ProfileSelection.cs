namespace AiTune.Profiles;

/// <summary>One profile or a combination ("inference-latency+hardened") as the audit and the tuner use it.
/// Where two components expect different things of the same knob both expectations are kept: a conflict
/// is reported, never silently resolved.</summary>
public sealed record ProfileSelection(IReadOnlyList<Profile> Components)
{
    public string Name => string.Join('+', Components.Select(c => c.Name));

    public string? Workload => Components.Select(c => c.Workload).FirstOrDefault(w => w is not null);

    public bool Latency => Components.Any(c => c.Latency);

    public bool Hardened => Components.Any(c => c.Hardened);

    public bool IsInference => Workload == "inference";

    public bool IsTraining => Workload == "training";

    /// <summary>Expectations by knob id, one per component that states one.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ProfileSetting>> Settings { get; } = Components
        .SelectMany(c => c.Settings)
        .GroupBy(s => s.Knob.Id, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<ProfileSetting>)g.ToList(), StringComparer.Ordinal);

    /// <summary>Workloads that contradict each other, and knobs the components disagree on.</summary>
    public IReadOnlyList<string> Conflicts
    {
        get
        {
            var conflicts = new List<string>();
            var workloads = Components.Where(c => c.Workload is not null).Select(c => c.Workload!).Distinct().ToList();
            if (workloads.Count > 1)
            {
                conflicts.Add($"workload: {string.Join(" vs ", workloads)}");
            }

            foreach (var (knob, settings) in Settings)
            {
                if (settings.Select(s => s.Expectation.ToString()).Distinct().Count() > 1)
                {
                    conflicts.Add($"{knob}: {string.Join("; ", settings.Select(s => $"{s.Profile} wants {s.Expectation}"))}");
                }
            }

            return conflicts;
        }
    }
}
