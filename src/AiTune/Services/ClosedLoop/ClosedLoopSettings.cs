using AiTune.Benchmarks.Statistics;

namespace AiTune.Services.ClosedLoop;

/// <summary>How the closed loop measures and decides.</summary>
/// <param name="RunsPerSide">Runs of each side; null for the fewest that can show a change
/// (<see cref="RunComparison.RunsPerSideNeeded"/>).</param>
/// <param name="AllowBusy">Decide even on runs taken on a busy host (<see cref="Benchmarks.Load.RunLoad.Busy"/>).</param>
/// <param name="KeepAnyway">Keep the profile even when a metric got slower or nothing could be decided.</param>
/// <param name="Persist">Make a kept profile survive reboots (the final apply writes the persistence files).</param>
public sealed record ClosedLoopSettings(int? RunsPerSide, ComparisonSettings Comparison, bool AllowBusy, bool KeepAnyway, bool Persist)
{
    /// <summary>The rank test on run medians enumerates splits exactly up to 50 runs in all.</summary>
    public const int MaxRunsPerSide = 25;
}
