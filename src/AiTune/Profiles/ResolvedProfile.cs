namespace AiTune.Profiles;

/// <summary>A profile selection resolved for one host and model.</summary>
/// <param name="Name">The selection ("inference-latency+hardened").</param>
/// <param name="Settings">Every setting of every component, in component order; where components name the same knob,
/// the settings of each are all here (<see cref="Combined"/> says what they want together).</param>
/// <param name="WorkloadConflicts">Components that name different workloads ("workload: inference vs training").</param>
public sealed record ResolvedProfile(string Name, IReadOnlyList<ResolvedSetting> Settings, IReadOnlyList<string> WorkloadConflicts)
{
    /// <summary>The settings combined per knob: what the audit judges and the tuner plans, and where they conflict.</summary>
    public IReadOnlyList<CombinedSetting> Combined { get; } = ProfileConflicts.Combine(Settings);

    /// <summary>Contradicting workloads, and knobs the components want contradicting things of on this host.</summary>
    public IReadOnlyList<string> Conflicts => [.. WorkloadConflicts, .. Combined.Select(c => c.Conflict).OfType<string>()];
}
