using AiTune.Benchmarks;
using AiTune.Tuning.Transactions;

namespace AiTune.Serialization;

/// <summary>What `aitune tune --bench --json` prints: the evidence for keeping or rolling back a profile.</summary>
/// <param name="BaselineRun">The run measured before the apply (its store id, 0 with --no-save).</param>
/// <param name="CandidateRun">The run measured after it.</param>
/// <param name="Rollback">The rollback, when the profile was not kept.</param>
public sealed record TuneDocument(
    int SchemaVersion,
    string Profile,
    TuneDecision Decision,
    long BaselineRun,
    long CandidateRun,
    ApplyReport Apply,
    BenchmarkComparison Comparison,
    RollbackReport? Rollback)
{
    public const int CurrentSchemaVersion = 1;
}
