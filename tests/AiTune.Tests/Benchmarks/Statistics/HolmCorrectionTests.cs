using AiTune.Benchmarks.Statistics;
using CsCheck;

namespace AiTune.Tests.Benchmarks.Statistics;

public sealed class HolmCorrectionTests
{
    [Fact]
    public void Known_vector_matches_rs_p_adjust()
    {
        // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm")   # 0.03 0.06 0.06 0.02
        // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → raised to 0.06 (never decreasing).
        double[] adjusted = HolmCorrection.Adjust([0.01, 0.04, 0.03, 0.005]);

        Assert.Equal(4, adjusted.Length);
        Assert.Equal(0.03, adjusted[0], 12);
        Assert.Equal(0.06, adjusted[1], 12);
        Assert.Equal(0.06, adjusted[2], 12);
        Assert.Equal(0.02, adjusted[3], 12);
    }

    [Fact]
    public void Adjusted_values_are_capped_at_one()
    {
        // p.adjust(c(0.5, 0.6, 0.001), "holm")   # 1.000 1.000 0.003
        double[] adjusted = HolmCorrection.Adjust([0.5, 0.6, 0.001]);

        Assert.Equal(new[] { 1.0, 1.0, 0.003 }, adjusted.Select(p => Math.Round(p, 12)).ToArray());
    }

    [Fact]
    public void One_p_value_is_left_alone_and_none_gives_none()
    {
        Assert.Equal(new[] { 0.02 }, HolmCorrection.Adjust([0.02]));
        Assert.Empty(HolmCorrection.Adjust([]));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void A_value_that_is_not_a_probability_is_refused(double bad) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HolmCorrection.Adjust([0.01, bad]));

    [Fact]
    public void Adjusted_values_never_shrink_never_pass_one_and_keep_the_order() =>
        Gen.Double[0, 1].Array[1, 30].Sample(p =>
        {
            double[] adjusted = HolmCorrection.Adjust(p);
            for (int i = 0; i < p.Length; i++)
            {
                if (adjusted[i] < p[i] || adjusted[i] > 1)
                    return false;
                for (int j = 0; j < p.Length; j++)
                    if (p[i] < p[j] && adjusted[i] > adjusted[j])
                        return false;
            }
            return true;
        }, iter: 300);
}
