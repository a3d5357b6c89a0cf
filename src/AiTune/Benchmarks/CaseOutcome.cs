namespace AiTune.Benchmarks;

/// <summary>How a case's repetitions ended.</summary>
public enum CaseOutcome
{
    /// <summary>Every metric's median is known to the target width.</summary>
    TargetMet,

    /// <summary>The maximum repetition count was reached before the target width.</summary>
    MaximumReached,

    /// <summary>The case's time budget ran out before the target width (at least 3 samples are always taken).</summary>
    BudgetReached,

    /// <summary>Stopped by Ctrl-C: the samples so far are kept, and the run is marked partial.</summary>
    Interrupted,

    /// <summary>The case could not run here (no huge pages reserved, no O_DIRECT …); the reason says why.</summary>
    Skipped,
}
