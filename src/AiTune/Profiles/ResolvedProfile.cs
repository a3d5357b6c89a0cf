namespace AiTune.Profiles;

/// <summary>A profile selection resolved for one host and model.</summary>
/// <param name="Name">The selection ("inference-latency+hardened").</param>
/// <param name="Settings">Every setting of every component, in component order; where components disagree on a knob,
/// the settings of each are all here (and the disagreement is in <paramref name="Conflicts"/>).</param>
/// <param name="Conflicts">Contradicting workloads, and knobs the components want different things of on this host.</param>
public sealed record ResolvedProfile(string Name, IReadOnlyList<ResolvedSetting> Settings, IReadOnlyList<string> Conflicts);
