namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// One metric compared between the baseline (A) and the candidate (B).
/// </summary>
/// <param name="BaselineCount">A's samples, pooled over its runs.</param>
/// <param name="BaselineRuns">A's runs; with more than one on either side the runs are the replicates.</param>
/// <param name="Ratio">Median of B over median of A (each over its pooled samples), whatever the direction (below 1:
/// B's values are smaller).</param>
/// <param name="RatioInterval">Bootstrap interval of <paramref name="Ratio"/>, A and B resampled independently, each
/// at two levels (runs, then samples within a run) when it has several runs.</param>
/// <param name="CandidateU">Mann-Whitney U of B: pairs where B's value is larger, ties counting one half.</param>
/// <param name="PValue">Two-sided Mann-Whitney p-value of this metric alone, over the runs' medians (1 with one run a
/// side: one run against one cannot show anything).</param>
/// <param name="AdjustedPValue">Holm-adjusted across the metrics of the compare; the verdict uses this one.</param>
public sealed record MetricComparison(
    string Name,
    MetricDirection Direction,
    int BaselineCount,
    int CandidateCount,
    int BaselineRuns,
    int CandidateRuns,
    double BaselineMedian,
    double CandidateMedian,
    double Ratio,
    ConfidenceInterval RatioInterval,
    double CandidateU,
    double PValue,
    double AdjustedPValue,
    RankTestMethod RankTestMethod,
    ChangeVerdict Verdict);
