namespace AiTune.Tuning.Journal;

/// <summary>The records of the write-ahead journal, in the order a transaction writes them.</summary>
public enum JournalRecordKind
{
    /// <summary>An apply starts: profile, user, boot id, kernel; the reboot-pending settings it leaves to the next boot.</summary>
    Begin,
    /// <summary>About to change one knob or file: its original value, made durable before the change.</summary>
    Intent,
    /// <summary>The change was made; the value read back.</summary>
    Written,
    /// <summary>The change was refused or granted only in part.</summary>
    Failed,
    /// <summary>The apply finished (outcome applied or partial); its changes stand until rolled back.</summary>
    Commit,
    /// <summary>A rollback starts: of one apply (scope "apply") or of everything (scope "all").</summary>
    RollbackBegin,
    /// <summary>One intent's original value is back.</summary>
    Restored,
    /// <summary>The rollback finished.</summary>
    RollbackEnd,
}
