using AiTune.Audit;
using AiTune.Tuning.Knobs;

namespace AiTune.Profiles;

/// <summary>One expectation of one profile.</summary>
/// <param name="Severity">Overrides the rule's severity for this profile, when set.</param>
/// <param name="Profile">The profile that states it (after includes: the one whose file holds the line).</param>
public sealed record ProfileSetting(Knob Knob, Expectation Expectation, Severity? Severity, string Profile);
