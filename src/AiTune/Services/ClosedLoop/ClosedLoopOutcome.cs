using AiTune.Benchmarks;
using AiTune.Tuning.Transactions;

namespace AiTune.Services.ClosedLoop;

/// <summary>What the closed loop found and did.</summary>
/// <param name="StopReason">Why the loop stopped early, in a sentence; null when it completed.</param>
/// <param name="RunsPerSide">Runs of each side the loop set out to measure.</param>
/// <param name="RunsPerSideNeeded">The fewest runs a side that can show a change for this many metrics at α.</param>
/// <param name="Runs">Every run measured, in order (ids 0 when not stored).</param>
/// <param name="FirstApply">The first apply of the profile (what it changes); null when the loop stopped before it.</param>
/// <param name="Comparison">Baseline runs against candidate runs; null when the loop stopped before comparing.</param>
/// <param name="FinalRollback">The rollback that left the host as it was, when the profile was not kept.</param>
/// <param name="FinalApply">The apply that left the profile in place, when it was kept and the last run was a baseline
/// run or the profile is persisted.</param>
public sealed record ClosedLoopOutcome(
    string Profile,
    TuneDecision Decision,
    LoopStop Stop,
    string? StopReason,
    int RunsPerSide,
    int RunsPerSideNeeded,
    IReadOnlyList<(LoopArm Arm, BenchmarkRun Run)> Runs,
    ApplyReport? FirstApply,
    BenchmarkComparison? Comparison,
    RollbackReport? FinalRollback,
    ApplyReport? FinalApply)
{
    public IReadOnlyList<BenchmarkRun> BaselineRuns => Runs.Where(r => r.Arm == LoopArm.Baseline).Select(r => r.Run).ToList();

    public IReadOnlyList<BenchmarkRun> CandidateRuns => Runs.Where(r => r.Arm == LoopArm.Candidate).Select(r => r.Run).ToList();

    /// <summary>The compared metrics that could show a change with these runs (not <see cref="Benchmarks.Statistics.ChangeVerdict.Undecidable"/>).</summary>
    public int DecisiveMetrics => Comparison?.Result?.Metrics.Count(m => m.Verdict != Benchmarks.Statistics.ChangeVerdict.Undecidable) ?? 0;

    /// <summary>The metrics that got significantly slower.</summary>
    public IReadOnlyList<string> Slower => Comparison?.Result?.Metrics.Where(m => m.Verdict == Benchmarks.Statistics.ChangeVerdict.Regressed).Select(m => m.Name).ToList() ?? [];
}
