namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// How a compare decides. A metric changed only when its Holm-adjusted Mann-Whitney p-value is below
/// <see cref="SignificanceLevel"/> and the whole confidence interval of the ratio of medians lies outside the noise
/// band [1 − <see cref="NoiseThreshold"/>, 1 + <see cref="NoiseThreshold"/>] (criterion.rs's rule, with a ratio).
/// </summary>
public sealed record ComparisonSettings
{
    public ComparisonSettings(double noiseThreshold = 0.02, double significanceLevel = 0.05,
        BootstrapSettings? bootstrap = null)
    {
        if (!(noiseThreshold >= 0 && noiseThreshold < 1))
            throw new AiTuneException(
                $"the noise threshold must be at least 0 and below 1, not {noiseThreshold}",
                "give it as a fraction: 0.02 ignores changes within ±2 %");
        if (!(significanceLevel > 0 && significanceLevel < 1))
            throw new AiTuneException(
                $"the significance level must lie strictly between 0 and 1, not {significanceLevel}",
                "0.05 is the usual choice");
        NoiseThreshold = noiseThreshold;
        SignificanceLevel = significanceLevel;
        Bootstrap = bootstrap ?? BootstrapSettings.Default;
    }

    /// <summary>±2 % noise band, α = 0.05, 95 % intervals.</summary>
    public static ComparisonSettings Default { get; } = new();

    /// <summary>Half-width of the noise band around a ratio of 1 (0.02 is ±2 %).</summary>
    public double NoiseThreshold { get; }

    /// <summary>α, compared with the Holm-adjusted p-values.</summary>
    public double SignificanceLevel { get; }

    public BootstrapSettings Bootstrap { get; }
}
