using AiTune.Knobs;

namespace AiTune.Profiles;

/// <summary>One setting of one profile, as written: a fixed expectation or a value computed from the model, the
/// conditions under which it applies, and why.</summary>
/// <param name="Expectation">The expected value; null when <paramref name="Model"/> computes it.</param>
/// <param name="Model">Set for <c>value = "model"</c> (huge pages only): the count is computed per host and model.</param>
/// <param name="Severity">Overrides the rule's severity for this profile, when set.</param>
/// <param name="Profile">The profile that states it (after includes: the one whose file holds the line).</param>
/// <param name="Rationale">Why: the setting's own <c>why</c>, else the knob's <see cref="KnobRationales"/> entry (built-in
/// profiles; the audit rule that judges the knob states the same), else "set by profile NAME (FILE)".</param>
/// <param name="Source">Where the reasoning comes from: <c>source</c>, else the knob's rationale's source, else the profile file.</param>
/// <param name="When">The conditions, or null when the setting applies everywhere.</param>
public sealed record ProfileSetting(
    Knob Knob,
    Expectation? Expectation,
    ModelSizing? Model,
    Severity? Severity,
    string Profile,
    string Rationale,
    string Source,
    SettingCondition? When)
{
    /// <summary>Stated by a built-in profile. Built-in profiles are written for many kernels, so a sysctl this kernel
    /// lacks is skipped there; a user profile is written for its hosts, so there the same is taken for a typo.</summary>
    public bool BuiltIn { get; init; }

    /// <summary>The value in the profile's notation, for people: "&gt;= 4096", "model + 5% headroom".</summary>
    public string ValueText => Model?.ToString() ?? Expectation!.ToString();

    /// <summary>The value with its conditions: "0 (when numa_nodes &gt;=2)".</summary>
    public string Describe() => When is null ? ValueText : $"{ValueText} (when {When})";
}
