namespace AiTune.Benchmarks.Statistics;

/// <summary>What the repetition rule says after the samples so far.</summary>
public enum RepetitionOutcome
{
    /// <summary>Measure again: too few samples, or the median's interval is still too wide.</summary>
    Continue,

    /// <summary>Stop: enough samples and the median's interval is within the target.</summary>
    TargetMet,

    /// <summary>Stop: the maximum count is reached and the interval is still wider than the target; report that.</summary>
    MaximumReached,
}
