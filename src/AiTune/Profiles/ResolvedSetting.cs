using AiTune.Knobs;

namespace AiTune.Profiles;

/// <summary>One profile setting as it applies to one host: the concrete expectation, or why it does not apply.
/// The audit judges these and the tuner plans from these, so the two cannot disagree.</summary>
/// <param name="Node">The NUMA node the setting targets (huge pages placed near a GPU); null for the whole host.</param>
/// <param name="Expectation">What the host must satisfy; null exactly when <paramref name="SkipReason"/> is set.</param>
/// <param name="Severity">The profile's override of the rule's severity, when it states one.</param>
/// <param name="Profile">The profile whose file states it.</param>
/// <param name="SkipReason">Why the setting does not apply here: a condition does not hold or is unknown, no model
/// was given for a computed value, or the computed value cannot be reserved safely.</param>
public sealed record ResolvedSetting(
    Knob Knob,
    int? Node,
    Expectation? Expectation,
    Severity? Severity,
    string Profile,
    string Rationale,
    string Source,
    string? SkipReason)
{
    /// <summary>"hugepages:2048kB on node 1", or the knob id for host-wide settings.</summary>
    public string Target => Node is { } node ? $"{Knob.Id} on node {node}" : Knob.Id;
}
