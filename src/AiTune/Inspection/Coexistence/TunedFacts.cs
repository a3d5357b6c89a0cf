using AiTune.Facts;

namespace AiTune.Inspection.Coexistence;

/// <summary>TuneD's state (tuned/consts.py: ACTIVE_PROFILE_FILE, PROFILE_MODE_FILE, PID_FILE).</summary>
/// <param name="ActiveProfiles">/etc/tuned/active_profile: the profile names, several when profiles are merged
/// ("tuned-adm profile a b"); empty after "tuned-adm off"; absent when TuneD never ran.</param>
/// <param name="ProfileMode">/etc/tuned/profile_mode: "auto" (TuneD picks by its recommend rules) or "manual".</param>
/// <param name="Running">The tuned daemon runs: /run/tuned/tuned.pid names a live process called tuned, or a
/// process called tuned exists.</param>
public sealed record TunedFacts(Fact<IReadOnlyList<string>> ActiveProfiles, Fact<string> ProfileMode, Fact<bool> Running);
