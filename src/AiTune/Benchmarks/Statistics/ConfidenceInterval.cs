namespace AiTune.Benchmarks.Statistics;

/// <summary>A two-sided confidence interval [<see cref="Lower"/>, <see cref="Upper"/>] at <see cref="Level"/> (0.95 is 95 %).</summary>
public readonly record struct ConfidenceInterval(double Lower, double Upper, double Level)
{
    /// <summary>Half the interval's width: the "±" printed beside an estimate.</summary>
    public double HalfWidth => (Upper - Lower) / 2;

    public bool Contains(double value) => value >= Lower && value <= Upper;
}
