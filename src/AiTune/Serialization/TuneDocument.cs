using AiTune.Benchmarks;
using AiTune.Services.ClosedLoop;
using AiTune.Tuning.Transactions;

namespace AiTune.Serialization;

/// <summary>What `aitune tune --bench --json` prints: the evidence for keeping or rolling back a profile.</summary>
/// <param name="Stop">How the loop ended: completed, or stopped early (interrupted, busy host, failed apply, nothing
/// measured) with <paramref name="StopReason"/>.</param>
/// <param name="RunsPerSide">Runs of each side the loop set out to measure.</param>
/// <param name="RunsPerSideNeeded">The fewest runs a side that can show a change for this many metrics.</param>
/// <param name="BaselineRuns">Store ids of the runs without the profile, in the order measured (0 with --no-save).</param>
/// <param name="CandidateRuns">Store ids of the runs with the profile.</param>
/// <param name="Apply">The first apply of the profile; null when the loop stopped before it.</param>
/// <param name="Comparison">All baseline runs against all candidate runs; null when the loop stopped early.</param>
/// <param name="Rollback">The rollback that left the host as before, when the profile was not kept.</param>
/// <param name="FinalApply">The apply that left a kept profile in place (after a baseline run, or with --persist).</param>
public sealed record TuneDocument(
    int SchemaVersion,
    string Profile,
    TuneDecision Decision,
    LoopStop Stop,
    string? StopReason,
    int RunsPerSide,
    int RunsPerSideNeeded,
    IReadOnlyList<long> BaselineRuns,
    IReadOnlyList<long> CandidateRuns,
    ApplyReport? Apply,
    BenchmarkComparison? Comparison,
    RollbackReport? Rollback,
    ApplyReport? FinalApply)
{
    /// <summary>2: interleaved rounds (run lists instead of one run a side), the stop and the final apply.</summary>
    public const int CurrentSchemaVersion = 2;

    public static TuneDocument Of(ClosedLoopOutcome outcome) => new(CurrentSchemaVersion, outcome.Profile, outcome.Decision, outcome.Stop, outcome.StopReason,
        outcome.RunsPerSide, outcome.RunsPerSideNeeded, outcome.BaselineRuns.Select(r => r.Id).ToList(), outcome.CandidateRuns.Select(r => r.Id).ToList(),
        outcome.FirstApply, outcome.Comparison, outcome.FinalRollback, outcome.FinalApply);
}
