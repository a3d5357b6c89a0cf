using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;

namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// The two-sided Mann-Whitney U (Wilcoxon rank-sum) test, computed the way R's <c>wilcox.test</c> computes it, so a
/// skeptic can reproduce every p-value: the exact null distribution when there are no ties and the samples are small,
/// otherwise the normal approximation with the tie-corrected variance and a continuity correction.
/// <para>
/// The exact distribution is Perfolizer's (<see cref="MannWhitneyLoefflerExactCdf"/>, Löffler's recurrence, exact in
/// 64-bit integers up to <see cref="BinomialCoefficientHelper.MaxAcceptableN"/> = 65 values in all). The rest is
/// written here because Perfolizer 0.6.1 falls short for benchmark data: its <c>MannWhitneyTest</c> treats values
/// within an absolute 1e-9 of each other as ties (every latency measured in seconds would tie), its approximations
/// have no tie correction (clock-quantized samples tie often), and they multiply the sample sizes in 32-bit integers,
/// which overflows from about 600 samples per side (NaN past about 1,100).
/// </para>
/// </summary>
public static class RankSumTest
{
    /// <summary>The smallest two-sided p-value the test can give for samples of <paramref name="n"/> and
    /// <paramref name="m"/> values: both samples wholly apart, 2 / C(n + m, n), or 1. With few runs a side it says
    /// whether a compare could show a change at all (3 against 3: 0.10).</summary>
    public static double SmallestTwoSidedP(int n, int m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        // C(n + m, n) as a running product in doubles: exact enough for a bound, and no overflow for any size.
        double arrangements = 1;
        for (int i = 1; i <= Math.Min(n, m); i++)
            arrangements = arrangements * (Math.Max(n, m) + i) / i;
        return Math.Min(1, 2 / arrangements);
    }

    internal static RankSumResult TwoSided(double[] sortedBaseline, double[] sortedCandidate)
    {
        int n = sortedBaseline.Length, m = sortedCandidate.Length;
        var (candidateRankSum, tieTerm) = RankSums(sortedBaseline, sortedCandidate);
        double u = candidateRankSum - m * (m + 1.0) / 2;

        if (tieTerm == 0 && n + m <= BinomialCoefficientHelper.MaxAcceptableN)
        {
            // Cdf(n, m, k) is P(U < k) for the U of the sample of size n. Both tails are read as lower tails, so a
            // tiny p-value keeps its digits instead of being 1 − (almost 1): P(U_candidate ≤ u), and
            // P(U_candidate ≥ u) = P(U_baseline ≤ n·m − u). R doubles the smaller tail.
            int exactU = (int)u;
            var cdf = MannWhitneyLoefflerExactCdf.Instance;
            double lower = cdf.Cdf(m, n, exactU + 1);
            double upper = cdf.Cdf(n, m, n * m - exactU + 1);
            return new RankSumResult(u, Math.Min(1, 2 * Math.Min(upper, lower)), RankTestMethod.ExactDistribution);
        }

        // R, wilcox.test.default, exact = FALSE, correct = TRUE:
        //   z = W − n·m/2;  σ = √(n·m/12 · ((N + 1) − Σ(t³ − t) / (N·(N − 1))));  z = (z − sign(z)/2) / σ;
        //   p = 2·min(Φ(z), 1 − Φ(z)).
        double total = n + m;
        double shift = u - (double)n * m / 2;
        double variance = (double)n * m / 12 * (total + 1 - tieTerm / (total * (total - 1)));
        // Every value tied (or one value in all): the ranks carry no information about a shift.
        if (!(variance > 0))
            return new RankSumResult(u, 1, RankTestMethod.NormalApproximation);
        double z = (shift - Math.Sign(shift) * 0.5) / Math.Sqrt(variance);
        // Perfolizer's Φ (Abramowitz & Stegun 7.1.26) is accurate to 1.5e-7 absolute: p-values below about 1e-6 carry
        // two or three digits, and verdicts compare with α / (number of metrics), far above that error.
        double p = 2 * NormalDistribution.Standard.Cdf(-Math.Abs(z));
        return new RankSumResult(u, Math.Min(1, p), RankTestMethod.NormalApproximation);
    }

    /// <summary>The largest pooled sample <see cref="TwoSidedPermutation"/> enumerates: C(50, 25) ≈ 1.3·10¹⁴ splits,
    /// still counted exactly in doubles.</summary>
    public const int MaxPermutationValues = 50;

    /// <summary>
    /// The two-sided Mann-Whitney test with the exact permutation distribution of the candidate's rank sum, ties given
    /// their mid-ranks, the smaller tail doubled as R's exact <c>wilcox.test</c> does (without ties it is that test). For a handful of values, such as the medians of a few runs, where ties would otherwise
    /// send <see cref="TwoSided"/> to a normal approximation that is poor at this size (3 tied runs against 3 would
    /// reach p = 0.047, which no split of six runs can justify). Its smallest p is
    /// <see cref="SmallestTwoSidedP"/>, ties or not. Beyond <see cref="MaxPermutationValues"/> values it is
    /// <see cref="TwoSided"/>.
    /// </summary>
    internal static RankSumResult TwoSidedPermutation(double[] sortedBaseline, double[] sortedCandidate)
    {
        int n = sortedBaseline.Length, m = sortedCandidate.Length, total = n + m;
        if (total > MaxPermutationValues)
            return TwoSided(sortedBaseline, sortedCandidate);

        // Mid-ranks, doubled so that every rank and every rank sum is an integer.
        var pooled = sortedBaseline.Select(v => (Value: v, Candidate: false)).Concat(sortedCandidate.Select(v => (Value: v, Candidate: true)))
            .OrderBy(x => x.Value).ToArray();
        int[] doubledRanks = new int[total];
        int observed = 0;
        for (int start = 0; start < total;)
        {
            int end = start;
            while (end < total && pooled[end].Value == pooled[start].Value)
                end++;
            // Ranks start+1 … end share their mean, (start + 1 + end) / 2; doubled: start + 1 + end.
            for (int k = start; k < end; k++)
            {
                doubledRanks[k] = start + 1 + end;
                if (pooled[k].Candidate)
                    observed += doubledRanks[k];
            }
            start = end;
        }

        // ways[k][s]: the subsets of k values, among those seen so far, whose doubled ranks sum to s.
        int maxSum = doubledRanks.Sum();
        var ways = new double[m + 1][];
        for (int k = 0; k <= m; k++)
            ways[k] = new double[maxSum + 1];
        ways[0][0] = 1;
        for (int item = 0; item < total; item++)
        {
            int rank = doubledRanks[item];
            for (int k = Math.Min(item + 1, m); k >= 1; k--)
                for (int sum = maxSum - rank; sum >= 0; sum--)
                    if (ways[k - 1][sum] != 0)
                        ways[k][sum + rank] += ways[k - 1][sum];
        }

        double all = 0, atMost = 0, atLeast = 0;
        for (int sum = 0; sum <= maxSum; sum++)
        {
            double count = ways[m][sum];
            all += count;
            if (sum <= observed)
                atMost += count;
            if (sum >= observed)
                atLeast += count;
        }

        double u = observed / 2.0 - m * (m + 1.0) / 2;
        return new RankSumResult(u, Math.Min(1, 2 * Math.Min(atMost, atLeast) / all), RankTestMethod.ExactPermutation);
    }

    /// <summary>
    /// The candidate's rank sum in the pooled sample (tied values share the mean of their ranks) and Σ(t³ − t) over
    /// the groups of t equal values, by merging the two sorted samples. Ties are exact equality: the samples are
    /// measurements, and two different measurements are different however close.
    /// </summary>
    private static (double CandidateRankSum, double TieTerm) RankSums(double[] baseline, double[] candidate)
    {
        double rankSum = 0, tieTerm = 0;
        int i = 0, j = 0, placed = 0;
        while (i < baseline.Length || j < candidate.Length)
        {
            double value = j == candidate.Length || (i < baseline.Length && baseline[i] <= candidate[j])
                ? baseline[i]
                : candidate[j];
            int inBaseline = 0, inCandidate = 0;
            while (i < baseline.Length && baseline[i] == value) { i++; inBaseline++; }
            while (j < candidate.Length && candidate[j] == value) { j++; inCandidate++; }
            double tied = inBaseline + inCandidate;
            // Ranks placed+1 … placed+tied, whose mean is placed + (tied + 1)/2.
            rankSum += inCandidate * (placed + (tied + 1) / 2);
            tieTerm += tied * tied * tied - tied;
            placed += (int)tied;
        }
        return (rankSum, tieTerm);
    }
}
