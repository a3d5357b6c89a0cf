namespace AiTune.Tuning.Planning;

public enum PlanAction
{
    /// <summary>The knob will be written.</summary>
    Set,
    /// <summary>The knob already satisfies the profile.</summary>
    Unchanged,
    /// <summary>Not touched, with the reason (no such knob here, condition not met, irreversible without consent …).</summary>
    Skip,
    /// <summary>A kernel parameter: takes effect at the next boot (persisted with --persist).</summary>
    PendingReboot,
    /// <summary>Apply will not proceed: profiles disagree on the knob, or a guard rail forbids the target.</summary>
    Refused,
}
