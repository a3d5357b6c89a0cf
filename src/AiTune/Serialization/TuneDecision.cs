namespace AiTune.Serialization;

/// <summary>What the closed loop did with the profile.</summary>
public enum TuneDecision
{
    /// <summary>Nothing regressed significantly: the profile stays applied.</summary>
    Kept,

    /// <summary>At least one metric regressed significantly, or no metric was measured both before and after: the
    /// profile was rolled back.</summary>
    RolledBack,

    /// <summary>Something regressed (or nothing could be compared), and --keep kept the profile anyway.</summary>
    KeptDespiteRegression,
}
