namespace AiTune.Tuning.Transactions;

/// <summary>Who applies, and the transaction's policy.</summary>
/// <param name="KeepGoing">Keep what worked when a knob fails (default: roll the whole apply back).</param>
/// <param name="Persist">Builds the persistence files from the applied values (null: runtime only).</param>
public sealed record ApplyRequest(
    string User,
    int Uid,
    string ToolVersion,
    bool KeepGoing,
    Func<PersistContext, Persistence.PersistencePlan>? Persist);
