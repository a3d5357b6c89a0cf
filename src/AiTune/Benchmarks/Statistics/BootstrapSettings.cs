namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// How a bootstrap confidence interval is drawn: its level, how many resamples, and the seed that makes it
/// reproducible (the same samples and settings always give the same interval, so a stored run can be re-checked).
/// </summary>
public sealed record BootstrapSettings
{
    /// <summary>Fewer resamples leave the 2.5 % tail of a 95 % interval with a handful of draws.</summary>
    public const int MinimumResamples = 1_000;

    /// <summary>The cost is resamples × samples; past a million resamples the interval no longer moves.</summary>
    public const int MaximumResamples = 1_000_000;

    public const int DefaultSeed = 1;

    public BootstrapSettings(double confidenceLevel = 0.95, int resamples = 10_000, int seed = DefaultSeed)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new AiTuneException(
                $"the confidence level must lie strictly between 0 and 1, not {confidenceLevel}",
                "give it as a fraction: 0.95 for a 95 % interval");
        if (resamples is < MinimumResamples or > MaximumResamples)
            throw new AiTuneException(
                $"the bootstrap needs between {MinimumResamples} and {MaximumResamples} resamples, not {resamples}",
                "10000 resamples is the usual choice");
        ConfidenceLevel = confidenceLevel;
        Resamples = resamples;
        Seed = seed;
    }

    /// <summary>95 %, 10,000 resamples (criterion.rs draws 100,000; 10,000 moves a 95 % bound by well under 1 %).</summary>
    public static BootstrapSettings Default { get; } = new();

    public double ConfidenceLevel { get; }

    public int Resamples { get; }

    public int Seed { get; }
}
