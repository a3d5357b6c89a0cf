using AiTune.Benchmarks;

namespace AiTune.Services.Lab;

/// <summary>
/// When the time measure has enough rounds: timed guests vary between boots (KVM less than TCG, still a few percent),
/// and a compare of runs as replicates can only separate kernels whose boots agree. After the rounds asked for, the lab
/// adds rounds, up to --max-rounds, while any metric of any kernel has run medians whose coefficient of variation is
/// above <see cref="MaxCoefficientOfVariation"/>. The instructions measure never needs it: its boots agree to ≤ 1.5 %.
/// </summary>
public static class LabAdaptiveRounds
{
    /// <summary>3 %: above bench compare's default noise band (2 %), so boots spread wider than the smallest change
    /// worth reporting get more company; within what KVM guests reach on a quiet host.</summary>
    public const double MaxCoefficientOfVariation = 0.03;

    /// <summary>True while some kernel's metric has at least two runs whose medians vary more than
    /// <see cref="MaxCoefficientOfVariation"/>, or some kernel has fewer than two counted runs.</summary>
    public static bool NeedMore(IEnumerable<IReadOnlyList<BenchmarkRun>> runsPerKernel) =>
        runsPerKernel.Any(runs => runs.Count < 2 || runs.SelectMany(r => r.Metrics()).GroupBy(m => m.Name, StringComparer.Ordinal)
            .Any(metric => CoefficientOfVariation(metric.Select(m => Median(m.Metric.Samples)).ToList()) > MaxCoefficientOfVariation));

    /// <summary>Standard deviation over the mean's magnitude; 0 for fewer than two values or a zero mean.</summary>
    public static double CoefficientOfVariation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        double mean = values.Average();
        if (mean == 0)
        {
            return 0;
        }

        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return Math.Sqrt(variance) / Math.Abs(mean);
    }

    private static double Median(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
