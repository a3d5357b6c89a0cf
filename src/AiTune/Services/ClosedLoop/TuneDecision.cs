namespace AiTune.Services.ClosedLoop;

/// <summary>What the closed loop did with the profile.</summary>
public enum TuneDecision
{
    /// <summary>Metrics that could show a change were measured, and none got significantly slower: the profile stays
    /// applied.</summary>
    Kept,

    /// <summary>A metric got significantly slower, there was no evidence either way (no metric could show a change),
    /// or the loop stopped early: the host is as it was before.</summary>
    RolledBack,

    /// <summary>Something got slower, or there was no evidence, and --keep kept the profile anyway.</summary>
    KeptDespiteRegression,
}
