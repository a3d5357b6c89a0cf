namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// When to stop repeating a measurement: once at least <see cref="MinimumCount"/> samples are in and the median's
/// confidence interval has a relative half-width of at most <see cref="TargetRelativeHalfWidth"/>, or at
/// <see cref="MaximumCount"/> samples whatever the width. The caller also stops when its time budget runs out.
/// </summary>
public sealed record RepetitionSettings
{
    /// <summary>A bootstrap interval from fewer samples only echoes them back.</summary>
    public const int SmallestMinimumCount = 3;

    public RepetitionSettings(double targetRelativeHalfWidth = 0.02, int minimumCount = 10, int maximumCount = 100,
        BootstrapSettings? bootstrap = null)
    {
        if (!(targetRelativeHalfWidth > 0 && targetRelativeHalfWidth < 1))
            throw new AiTuneException(
                $"the target relative half-width must lie strictly between 0 and 1, not {targetRelativeHalfWidth}",
                "give it as a fraction: 0.02 stops once the median is known to ±2 %");
        if (minimumCount < SmallestMinimumCount)
            throw new AiTuneException(
                $"the minimum repetition count must be at least {SmallestMinimumCount}, not {minimumCount}",
                "10 is the usual minimum (hyperfine's default)");
        if (maximumCount < minimumCount)
            throw new AiTuneException(
                $"the maximum repetition count ({maximumCount}) is below the minimum ({minimumCount})",
                "raise the maximum or lower the minimum");
        TargetRelativeHalfWidth = targetRelativeHalfWidth;
        MinimumCount = minimumCount;
        MaximumCount = maximumCount;
        Bootstrap = bootstrap ?? BootstrapSettings.Default;
    }

    /// <summary>±2 % at 95 %, between 10 and 100 samples (BenchmarkDotNet: 2 %, 15..100; hyperfine: at least 10).</summary>
    public static RepetitionSettings Default { get; } = new();

    /// <summary>The largest acceptable half-width of the median's interval, relative to the median (0.02 is ±2 %).</summary>
    public double TargetRelativeHalfWidth { get; }

    public int MinimumCount { get; }

    public int MaximumCount { get; }

    public BootstrapSettings Bootstrap { get; }
}
