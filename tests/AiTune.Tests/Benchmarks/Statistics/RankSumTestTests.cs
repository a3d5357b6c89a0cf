using System.Numerics;
using AiTune.Benchmarks.Statistics;
using CsCheck;

namespace AiTune.Tests.Benchmarks.Statistics;

/// <summary>Mann-Whitney p-values against R's wilcox.test and against brute-force enumeration.</summary>
public sealed class RankSumTestTests
{
    // R's own example (?wilcox.test; Hollander & Wolfe 1973, p. 69, permeability constants):
    //   x <- c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46)
    //   y <- c(1.15, 0.88, 0.90, 0.74, 1.21)
    //   wilcox.test(x, y)                      # W = 35, p-value = 0.2544 (exact)
    //   wilcox.test(x, y, alternative = "g")   # W = 35, p-value = 0.1272
    // Exactly: 382 of the C(15, 5) = 3003 rank assignments have W ≥ 35, so p = 2·382/3003.
    private static readonly double[] PermeabilityX = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    private static readonly double[] PermeabilityY = [1.15, 0.88, 0.90, 0.74, 1.21];

    // R's datasets::airquality, Ozone without NAs, May (month 5) and August (month 8):
    //   wilcox.test(Ozone ~ Month, data = airquality, subset = Month %in% c(5, 8))
    //   # Wilcoxon rank sum test with continuity correction: W = 127.5, p-value = 0.0001208 (ties: normal approx.)
    private static readonly double[] OzoneMay =
        [41, 36, 12, 18, 28, 23, 19, 8, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, 23, 45, 115, 37];
    private static readonly double[] OzoneAugust =
        [39, 9, 16, 78, 35, 66, 122, 89, 110, 44, 28, 65, 22, 59, 23, 31, 44, 21, 9, 45, 168, 73, 76, 118, 84, 85];

    [Fact]
    public void Small_samples_without_ties_match_rs_exact_p_value()
    {
        var result = RankSumTest.TwoSided(Sorted(PermeabilityY), Sorted(PermeabilityX));

        Assert.Equal(35, result.CandidateU);
        Assert.Equal(2 * 382 / 3003.0, result.PValue, 12);
        Assert.Equal(0.2544, result.PValue, 4);
        Assert.Equal(RankTestMethod.ExactDistribution, result.Method);
    }

    [Fact]
    public void Swapping_the_samples_mirrors_u_and_keeps_p()
    {
        var result = RankSumTest.TwoSided(Sorted(PermeabilityX), Sorted(PermeabilityY));

        Assert.Equal(10 * 5 - 35, result.CandidateU);
        Assert.Equal(2 * 382 / 3003.0, result.PValue, 12);
    }

    [Fact]
    public void Ties_use_the_corrected_normal_approximation_like_r()
    {
        var result = RankSumTest.TwoSided(Sorted(OzoneAugust), Sorted(OzoneMay));

        Assert.Equal(127.5, result.CandidateU);
        Assert.Equal(0.0001208, result.PValue, 7);
        Assert.Equal(RankTestMethod.NormalApproximation, result.Method);
    }

    [Fact]
    public void Larger_samples_without_ties_use_the_normal_approximation()
    {
        // wilcox.test(seq(20.5, 59.5), 1:40, exact = FALSE)   # W = 1390, p-value = 1.408e-08
        // By hand: z = (1390 − 800 − 0.5) / √(1600·81/12) = 5.6725, p = 2·Φ(−z) = 1.4076e-08. Perfolizer's Φ
        // (Abramowitz & Stegun 7.1.26) is accurate to 1.5e-7 absolute, about 0.5 % relative this deep in the tail.
        double[] baseline = Enumerable.Range(1, 40).Select(i => (double)i).ToArray();
        double[] candidate = Enumerable.Range(20, 40).Select(i => i + 0.5).ToArray();

        var result = RankSumTest.TwoSided(baseline, candidate);

        Assert.Equal(1390, result.CandidateU);
        Assert.InRange(result.PValue, 1.4076e-08 * 0.99, 1.4076e-08 * 1.01);
        Assert.Equal(RankTestMethod.NormalApproximation, result.Method);
    }

    [Fact]
    public void Every_value_tied_gives_p_of_one()
    {
        var result = RankSumTest.TwoSided([7, 7, 7], [7, 7]);

        Assert.Equal(3, result.CandidateU);
        Assert.Equal(1, result.PValue);
    }

    [Fact]
    public void One_value_each_can_never_be_significant()
    {
        Assert.Equal(1, RankSumTest.TwoSided([1], [2]).PValue);
        Assert.Equal(1, RankSumTest.TwoSided([2], [2]).PValue);
    }

    [Fact]
    public void Thousands_of_samples_stay_finite()
    {
        // Perfolizer's own approximations overflow 32-bit arithmetic here and return NaN.
        double[] baseline = Enumerable.Range(0, 3000).Select(i => 1000.0 + i).ToArray();
        double[] shifted = Enumerable.Range(0, 3000).Select(i => 1500.5 + i).ToArray();

        var shift = RankSumTest.TwoSided(baseline, shifted);
        var same = RankSumTest.TwoSided(baseline, baseline);

        Assert.InRange(shift.PValue, 0, 1e-10);
        Assert.Equal(1, same.PValue);
    }

    [Fact]
    public void Exact_p_values_match_brute_force_enumeration()
    {
        // Pooled values 1..N; the mask says which ranks the candidate holds. Every mask with the same number of set
        // bits is equally likely under "no shift", so the exact two-sided p-value is countable.
        Gen.Int[2, 14].SelectMany(total => Gen.Int[1, (1 << total) - 2].Select(mask => (total, mask)))
            .Sample((total, mask) =>
            {
                double[] baseline = Enumerable.Range(0, total).Where(q => (mask >> q & 1) == 0).Select(q => q + 1.0).ToArray();
                double[] candidate = Enumerable.Range(0, total).Where(q => (mask >> q & 1) == 1).Select(q => q + 1.0).ToArray();

                var result = RankSumTest.TwoSided(baseline, candidate);

                int u = CandidateU(total, mask);
                int atLeast = 0, atMost = 0, count = 0;
                for (int other = 0; other < 1 << total; other++)
                {
                    if (BitOperations.PopCount((uint)other) != candidate.Length)
                        continue;
                    count++;
                    int otherU = CandidateU(total, other);
                    atLeast += otherU >= u ? 1 : 0;
                    atMost += otherU <= u ? 1 : 0;
                }
                double expected = Math.Min(1, 2.0 * Math.Min(atLeast, atMost) / count);
                return result.CandidateU == u && Math.Abs(result.PValue - expected) < 1e-12;
            }, iter: 200);
    }

    /// <summary>Pairs (baseline rank below candidate rank), for the candidate holding the ranks set in mask.</summary>
    private static int CandidateU(int total, int mask)
    {
        int u = 0, baselineBelow = 0;
        for (int q = 0; q < total; q++)
        {
            if ((mask >> q & 1) == 1)
                u += baselineBelow;
            else
                baselineBelow++;
        }
        return u;
    }

    [Theory]
    [InlineData(1, 1, 1.0)]
    [InlineData(2, 2, 2.0 / 6)]
    [InlineData(3, 3, 0.1)]
    [InlineData(4, 4, 2.0 / 70)]
    [InlineData(2, 5, 2.0 / 21)]
    [InlineData(5, 2, 2.0 / 21)]
    public void The_smallest_possible_p_is_that_of_two_samples_wholly_apart(int n, int m, double expected)
    {
        Assert.Equal(expected, RankSumTest.SmallestTwoSidedP(n, m), 12);
        if (n + m > 2)
        {
            // The test itself reaches it exactly when every candidate value is above every baseline value.
            double[] baseline = Enumerable.Range(0, n).Select(i => 1.0 + i).ToArray();
            double[] candidate = Enumerable.Range(0, m).Select(i => 100.0 + i).ToArray();
            Assert.Equal(expected, RankSumTest.TwoSided(baseline, candidate).PValue, 12);
        }
    }

    [Fact]
    public void The_smallest_possible_p_of_large_samples_is_tiny_but_not_zero()
    {
        double p = RankSumTest.SmallestTwoSidedP(500, 500);
        Assert.True(p > 0 && p < 1e-290, $"p = {p}");
    }

    [Theory]
    [InlineData(3, 4, 1)]
    [InlineData(5, 5, 2)]
    [InlineData(2, 7, 3)]
    [InlineData(6, 3, 4)]
    public void Without_ties_the_permutation_test_is_the_exact_distribution(int n, int m, int seed)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            // Distinct values (a shuffled range), so no ties; shifted by a random amount so the splits vary.
            double shift = random.Next(-3, 4);
            double[] values = Enumerable.Range(0, n + m).Select(i => (double)i).OrderBy(_ => random.Next()).ToArray();
            double[] baseline = Sorted(values.Take(n).ToArray());
            double[] candidate = Sorted(values.Skip(n).Select(v => v + shift * 0.25 + 0.125).ToArray());
            if (baseline.Intersect(candidate).Any())
                continue;

            var exact = RankSumTest.TwoSided(baseline, candidate);
            var permutation = RankSumTest.TwoSidedPermutation(baseline, candidate);

            Assert.Equal(RankTestMethod.ExactDistribution, exact.Method);
            Assert.Equal(RankTestMethod.ExactPermutation, permutation.Method);
            Assert.Equal(exact.CandidateU, permutation.CandidateU);
            Assert.Equal(exact.PValue, permutation.PValue, 12);
        }
    }

    [Fact]
    public void With_ties_the_permutation_test_stays_at_or_above_the_smallest_possible_p_where_the_normal_approximation_does_not()
    {
        // Three runs whose medians all tie, against three that all tie higher: six runs can split 20 ways, so no
        // p below 2/20 is justified, yet the normal approximation with R's corrections gives 0.047.
        double[] baseline = [1, 1, 1], candidate = [2, 2, 2];

        Assert.InRange(RankSumTest.TwoSided(baseline, candidate).PValue, 0.046, 0.048);
        var permutation = RankSumTest.TwoSidedPermutation(baseline, candidate);
        Assert.Equal(0.1, permutation.PValue, 12);
        Assert.Equal(9, permutation.CandidateU);

        // Every value tied: the ranks say nothing.
        Assert.Equal(1, RankSumTest.TwoSidedPermutation([5, 5, 5], [5, 5]).PValue);
        // Ties across the samples: ranks 1, 2.5, 2.5, 4 with the candidate holding 2.5 and 4: sums of two doubled
        // ranks among {2, 5, 5, 8}: 7, 7, 10, 10, 13, 13; observed 13; P(≥ 13) = 2/6, doubled 2/3.
        Assert.Equal(2.0 / 3, RankSumTest.TwoSidedPermutation([1, 2], [2, 3]).PValue, 12);
    }

    [Fact]
    public void Beyond_the_permutation_limit_it_is_the_usual_test()
    {
        double[] baseline = Enumerable.Range(0, 30).Select(i => (double)(i / 2)).ToArray();
        double[] candidate = Enumerable.Range(0, 30).Select(i => 3.0 + i / 2).ToArray();

        var result = RankSumTest.TwoSidedPermutation(baseline, candidate);

        Assert.Equal(RankSumTest.TwoSided(baseline, candidate), result);
        Assert.Equal(RankTestMethod.NormalApproximation, result.Method);
    }

    private static double[] Sorted(double[] values) => values.Order().ToArray();
}
