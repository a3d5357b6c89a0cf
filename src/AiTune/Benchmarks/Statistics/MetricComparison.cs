namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// One metric compared between the baseline (A) and the candidate (B). Members are set by name: counts, medians and
/// p-values of two sides, which a positional call would let anyone swap unnoticed.
/// </summary>
public sealed record MetricComparison
{
    public required string Name { get; init; }

    public required MetricDirection Direction { get; init; }

    /// <summary>A's samples, pooled over its runs.</summary>
    public required int BaselineCount { get; init; }

    public required int CandidateCount { get; init; }

    /// <summary>A's runs; with more than one on either side the runs are the replicates.</summary>
    public required int BaselineRuns { get; init; }

    public required int CandidateRuns { get; init; }

    public required double BaselineMedian { get; init; }

    public required double CandidateMedian { get; init; }

    /// <summary>Median of B over median of A (each over its pooled samples), whatever the direction (below 1: B's
    /// values are smaller).</summary>
    public required double Ratio { get; init; }

    /// <summary>Bootstrap interval of <see cref="Ratio"/>, A and B resampled independently, each at two levels (runs,
    /// then samples within a run) when it has several runs.</summary>
    public required ConfidenceInterval RatioInterval { get; init; }

    /// <summary>Mann-Whitney U of B: pairs where B's value is larger, ties counting one half.</summary>
    public required double CandidateU { get; init; }

    /// <summary>Two-sided Mann-Whitney p-value of this metric alone, over the runs' medians (1 with one run a side: one
    /// run against one cannot show anything).</summary>
    public required double PValue { get; init; }

    /// <summary>Holm-adjusted across the metrics of the compare; the verdict uses this one.</summary>
    public required double AdjustedPValue { get; init; }

    public required RankTestMethod RankTestMethod { get; init; }

    public required ChangeVerdict Verdict { get; init; }
}
