using AiTune.Knobs;

namespace AiTune.Tuning.Transactions;

/// <summary>A value the host holds for the applied profile (written by this apply, or found already right):
/// what --persist makes survive the next boot.</summary>
public sealed record AppliedValue(Knob Knob, string Subject, KnobLocation? Location, string Value);
