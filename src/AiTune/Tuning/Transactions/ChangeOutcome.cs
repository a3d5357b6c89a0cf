namespace AiTune.Tuning.Transactions;

public enum ChangeOutcome
{
    /// <summary>Written and read back as asked.</summary>
    Written,
    /// <summary>Refused by the kernel, or granted only in part.</summary>
    Failed,
    /// <summary>Rollback wrote the original value back.</summary>
    Restored,
    /// <summary>Rollback found the original value already there.</summary>
    AlreadyOriginal,
    /// <summary>Rollback found a persistence file edited by someone else, and left it.</summary>
    LeftInPlace,
    /// <summary>The original could not be written back (an irreversible knob, a kernel that refuses it).</summary>
    NotRestored,
}
