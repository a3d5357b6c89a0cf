namespace AiTune.Tuning.Transactions;

/// <summary>What the persistence files are built from: the values the host now holds for the profile, the
/// files earlier applies of it wrote (not rivals of the new ones), and the first apply's time and user (so a
/// second apply renders the same files and stays a no-op).</summary>
public sealed record PersistContext(IReadOnlyList<AppliedValue> Applied, IReadOnlyList<string> OwnedFiles, DateTimeOffset AppliedAt, string User);
