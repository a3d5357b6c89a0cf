using AiTune.Benchmarks.Statistics;
using CsCheck;

namespace AiTune.Tests.Benchmarks.Statistics;

public class PathLengthComparisonTests
{
    private static PathLengthVerdict Judge(double[] baseline, double[] candidate, MetricDirection direction = MetricDirection.LowerIsBetter) =>
        Assert.Single(PathLengthComparison.Compare(
            [new MetricSamples("kernel/unix-rr/ns", direction, baseline.Select(v => (IReadOnlyList<double>)[v, v * 1.001, v * 0.999]).ToList(),
                candidate.Select(v => (IReadOnlyList<double>)[v, v * 1.001, v * 0.999]).ToList())]));

    [Fact]
    public void The_rt_kernels_doubled_unix_round_trip_is_a_regression()
    {
        // The feasibility study's icount figures: 20.7 µs of instructions on 6.1 generic, 41.7 on 6.1 rt.
        var verdict = Judge([20.7, 20.72], [41.7, 41.6]);

        Assert.Equal(ChangeVerdict.Regressed, verdict.Verdict);
        Assert.True(verdict.RangesDisjoint);
        Assert.Equal(41.65 / 20.71, verdict.Ratio, 3);
    }

    [Fact]
    public void Fewer_instructions_on_a_lower_is_better_metric_is_an_improvement()
    {
        Assert.Equal(ChangeVerdict.Improved, Judge([20.7, 20.75], [18.8, 18.85]).Verdict);
    }

    [Fact]
    public void One_boot_a_side_decides_nothing_however_far_apart()
    {
        var verdict = Judge([20.7], [41.7]);

        Assert.Equal(ChangeVerdict.Undecidable, verdict.Verdict);
        Assert.Contains("1 boot on one side", verdict.Reason);
    }

    [Fact]
    public void Overlapping_boots_are_not_a_change_even_with_distant_medians()
    {
        var verdict = Judge([100, 140, 101], [139, 141, 142]);

        Assert.Equal(ChangeVerdict.Undecidable, verdict.Verdict);
        Assert.False(verdict.RangesDisjoint);
    }

    [Fact]
    public void A_meter_that_wanders_cannot_vouch_for_no_change()
    {
        var verdict = Judge([100, 110], [101, 109]);

        Assert.Equal(ChangeVerdict.Undecidable, verdict.Verdict);
        Assert.Contains("differ by 10 %, more than the ±3.0 %", verdict.Reason);
    }

    [Fact]
    public void A_shift_no_larger_than_twice_the_spread_is_not_a_change()
    {
        // Disjoint and 4 % apart, but each kernel's own boots lie 2.5 % apart: not twice the spread.
        Assert.Equal(ChangeVerdict.Undecidable, Judge([100, 102.5], [104.6, 107.2]).Verdict);
    }

    [Fact]
    public void The_same_kernel_on_both_sides_is_never_called_changed()
    {
        // A/A: boots of one kernel as icount measured them, within ±1.5 % of one path length, split into two sides.
        Gen.Select(Gen.Double[10, 100_000], Gen.Double[-0.0075, 0.0075].Array[2, 8], Gen.Double[-0.0075, 0.0075].Array[2, 8])
            .Sample((length, a, b) =>
            {
                var verdict = Judge(a.Select(e => length * (1 + e)).ToArray(), b.Select(e => length * (1 + e)).ToArray());
                return verdict.Verdict is ChangeVerdict.NoSignificantChange;
            });
    }

    [Fact]
    public void A_difference_well_beyond_the_spread_is_always_found()
    {
        Gen.Select(Gen.Double[10, 100_000], Gen.Double[1.05, 3.0], Gen.Double[-0.005, 0.005].Array[2, 6], Gen.Double[-0.005, 0.005].Array[2, 6])
            .Sample((length, factor, a, b) =>
                Judge(a.Select(e => length * (1 + e)).ToArray(), b.Select(e => length * factor * (1 + e)).ToArray()).Verdict is ChangeVerdict.Regressed);
    }

    [Fact]
    public void A_sample_that_is_not_a_positive_number_is_refused()
    {
        var error = Assert.Throws<AiTuneException>(() => PathLengthComparison.Compare(
            [new MetricSamples("m", MetricDirection.LowerIsBetter, [[1.0, 0.0]], [[1.0]])]));

        Assert.Contains("baseline run 1", error.Message);
    }
}
