namespace AiTune.Tuning.Transactions;

/// <summary>A knob of the profile that apply left alone, and why (no such knob here, a condition that does not hold,
/// no model given, irreversible without --allow-irreversible).</summary>
/// <param name="Id">The knob, with @subject for per-subject knobs.</param>
/// <param name="Expected">What the profile expects of it; "" when the setting was skipped before it had an expectation.</param>
public sealed record SkippedKnob(string Id, string Expected, string Reason);
