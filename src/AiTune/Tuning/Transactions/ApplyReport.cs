using System.Text.Json.Serialization;

namespace AiTune.Tuning.Transactions;

/// <param name="Outcome">What the apply came to: changed, alreadyHeld, nothingApplicable, rolledBack or partial.</param>
/// <param name="Changes">The knobs written or failed, then the persistence files.</param>
/// <param name="Restores">What the rollback of a failed apply restored (outcome rolledBack).</param>
/// <param name="Skipped">The knobs left alone, each with its reason.</param>
/// <param name="PendingReboot">Kernel parameters that take effect at the next boot.</param>
/// <param name="PersistenceNotes">What the persistence files beat and lose to at boot, and steps left to the user (update-grub).</param>
public sealed record ApplyReport(
    string Profile,
    ApplyOutcome Outcome,
    IReadOnlyList<ChangeResult> Changes,
    IReadOnlyList<ChangeResult> Restores,
    IReadOnlyList<SkippedKnob> Skipped,
    IReadOnlyList<string> PendingReboot,
    IReadOnlyList<string> PersistenceNotes,
    RecoveryReport? Recovery,
    string? Journal)
{
    /// <summary>2: the outcome enum replaced the nothingToDo, rolledBack and partial flags, and skipped was added.</summary>
    public const int CurrentSchemaVersion = 2;

    [JsonPropertyOrder(-10)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "an instance property, so the JSON document carries it")]
    public int SchemaVersion => CurrentSchemaVersion;

    [JsonIgnore]
    public bool RolledBack => Outcome == ApplyOutcome.RolledBack;

    [JsonIgnore]
    public bool Partial => Outcome == ApplyOutcome.Partial;
}
