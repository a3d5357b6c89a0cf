using AiTune.Knobs;

namespace AiTune.Profiles;

/// <summary>What the components of a selection together want of one knob on this host: every setting that names
/// it, and the one expectation that satisfies all of those that apply here, or why none can.</summary>
/// <param name="Settings">Each component's setting for the knob, skipped ones included, in component order.</param>
/// <param name="Expectation">Satisfied exactly when every applying setting is; null when none applies here or
/// when they contradict each other.</param>
/// <param name="Conflict">"thp:enabled: a wants never; b wants always" when the applying settings contradict each
/// other (no value satisfies them all, or they place huge pages on different nodes); null otherwise.</param>
public sealed record CombinedSetting(Knob Knob, IReadOnlyList<ResolvedSetting> Settings, Expectation? Expectation, string? Conflict)
{
    /// <summary>The settings whose conditions hold here (a skipped setting asks nothing, so it contradicts nothing).</summary>
    public IReadOnlyList<ResolvedSetting> Applying => Settings.Where(s => s.Expectation is not null).ToList();

    /// <summary>The NUMA node the applying settings target; null for the whole host.</summary>
    public int? Node => Applying.Select(s => s.Node).FirstOrDefault();

    /// <summary>The profiles that ask for the knob here ("inference-latency+hardened"); those that name it at all
    /// when none applies.</summary>
    public string Profile => string.Join('+', (Applying.Count > 0 ? Applying : Settings).Select(s => s.Profile).Distinct());
}
