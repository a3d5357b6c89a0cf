namespace AiTune.Services.Monitoring;

/// <summary>The applied profile and the knobs that no longer hold what it set.</summary>
/// <param name="Known">False when the tuning collector failed or did not run: then nothing here is said, not "none".</param>
/// <param name="Profile">The applied profile; null when none is applied (or unknown).</param>
/// <param name="DriftedKnobs">The knob ids whose state is drifted, in the collector's order.</param>
/// <param name="PendingRebootKnobs">The knob ids waiting for the next boot.</param>
public sealed record TuningState(bool Known, string? Profile, IReadOnlyList<string> DriftedKnobs, IReadOnlyList<string> PendingRebootKnobs)
{
    public static TuningState Unknown { get; } = new(false, null, [], []);
}
