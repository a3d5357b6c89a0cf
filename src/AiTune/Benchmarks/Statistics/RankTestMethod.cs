namespace AiTune.Benchmarks.Statistics;

/// <summary>How the Mann-Whitney p-value was computed.</summary>
public enum RankTestMethod
{
    /// <summary>The exact null distribution of U (small samples without ties).</summary>
    ExactDistribution,

    /// <summary>The normal approximation with tie and continuity corrections (ties, or larger samples).</summary>
    NormalApproximation,

    /// <summary>The exact permutation distribution of the rank sum with mid-ranks for ties: used for the medians of a
    /// few runs a side (<see cref="RankSumTest.TwoSidedPermutation"/>).</summary>
    ExactPermutation,
}
