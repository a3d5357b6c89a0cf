namespace AiTune.Tuning.Transactions;

/// <param name="NothingToDo">No profile was applied (rollback is idempotent).</param>
/// <param name="ArchivedTo">Where the finished journal went (history/).</param>
public sealed record RollbackReport(string? Profile, bool NothingToDo, IReadOnlyList<ChangeResult> Restores, RecoveryReport? Recovery, string? ArchivedTo)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-10)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "an instance property, so the JSON document carries it")]
    public int SchemaVersion => 1;
}
