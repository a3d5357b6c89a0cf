namespace AiTune.Tuning.Transactions;

/// <param name="NothingToDo">Every knob already held what the profile asks (the second apply of a profile).</param>
/// <param name="RolledBack">A knob failed and the transaction policy rolled this apply back.</param>
/// <param name="Partial">A knob failed and --keep-going kept the rest.</param>
/// <param name="PendingReboot">Kernel parameters that take effect at the next boot.</param>
/// <param name="PersistenceNotes">What the persistence files beat and lose to at boot, and steps left to the user (update-grub).</param>
public sealed record ApplyReport(
    string Profile,
    bool NothingToDo,
    bool RolledBack,
    bool Partial,
    IReadOnlyList<ChangeResult> Changes,
    IReadOnlyList<ChangeResult> Restores,
    IReadOnlyList<string> PendingReboot,
    IReadOnlyList<string> PersistenceNotes,
    RecoveryReport? Recovery,
    string? Journal)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-10)]
    public int SchemaVersion => 1;
}
