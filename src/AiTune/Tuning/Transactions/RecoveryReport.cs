using AiTune.Tuning.Journal;

namespace AiTune.Tuning.Transactions;

/// <summary>What recovery found in the journal and what it restored.</summary>
public sealed record RecoveryReport(TransactionPhase Found, string Profile, IReadOnlyList<ChangeResult> Restores, string Message);
