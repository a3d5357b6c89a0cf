namespace AiTune.Tuning.Journal;

/// <summary>Where the journal says the host stands.</summary>
public enum TransactionPhase
{
    /// <summary>No journal: aitune has not changed this host (or every change was rolled back).</summary>
    None,
    /// <summary>A profile is applied: its changes stand until rollback.</summary>
    Applied,
    /// <summary>An apply stopped half way (killed, crashed, power lost): recovery rolls it back.</summary>
    ApplyInterrupted,
    /// <summary>A rollback stopped half way: recovery finishes it.</summary>
    RollbackInterrupted,
    /// <summary>Everything was rolled back; only archiving the journal is left.</summary>
    RolledBack,
}
