using AiTune.Tuning.Journal;
using AiTune.Tuning.Transactions;

namespace AiTune.Tuning.Verification;

/// <summary>What aitune has done to this host: the applied profile, when and by whom, drift, pending reboots,
/// and any recovery this status run performed.</summary>
public sealed record StatusReport(
    string StateDirectory,
    TransactionPhase Phase,
    string? Profile,
    DateTimeOffset? AppliedAt,
    string? AppliedBy,
    string? Kernel,
    bool Rebooted,
    bool Partial,
    IReadOnlyList<string> PendingReboot,
    IReadOnlyList<string> PersistedFiles,
    int Passing,
    IReadOnlyList<KnobCheck> Drifted,
    RecoveryReport? Recovery)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-10)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "an instance property, so the JSON document carries it")]
    public int SchemaVersion => 1;
}
