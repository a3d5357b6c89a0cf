namespace AiTune.Tuning.Verification;

public enum KnobStatus
{
    /// <summary>The live value satisfies the applied profile.</summary>
    Pass,
    /// <summary>aitune wrote it, and the live value no longer satisfies the profile.</summary>
    Drifted,
    /// <summary>The profile wants it, but the apply did not get it (failed, kept going).</summary>
    NotApplied,
    /// <summary>A kernel parameter waiting for the next boot.</summary>
    PendingReboot,
    /// <summary>Not part of the applied result (not applicable here, condition not met …).</summary>
    Skipped,
}
