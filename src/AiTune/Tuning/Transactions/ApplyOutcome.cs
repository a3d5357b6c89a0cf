namespace AiTune.Tuning.Transactions;

/// <summary>What an apply came to, as a skeptic would want it said.</summary>
public enum ApplyOutcome
{
    /// <summary>Knobs or persistence files were written (exit 0).</summary>
    Changed,
    /// <summary>Nothing needed writing: every knob the profile sets here already held its value. The profile is
    /// recorded as applied all the same, so verify and status watch it for drift (exit 0).</summary>
    AlreadyHeld,
    /// <summary>Nothing of the profile applies to this host: every knob was skipped, each with its reason. Nothing is
    /// recorded (exit 2).</summary>
    NothingApplicable,
    /// <summary>A knob failed and the whole apply was rolled back (exit 2).</summary>
    RolledBack,
    /// <summary>A knob failed and --keep-going kept the others (exit 1).</summary>
    Partial,
}
