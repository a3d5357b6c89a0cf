namespace AiTune.Knobs;

/// <summary>A knob's current values on a host, or why the knob does not exist there.</summary>
/// <param name="NotApplicable">Why the host has no such knob (no cpufreq, no NVMe drive, no THP), else null.</param>
public sealed record KnobReading(IReadOnlyList<KnobValue> Values, string? NotApplicable)
{
    public static KnobReading Absent(string reason) => new([], reason);
}
