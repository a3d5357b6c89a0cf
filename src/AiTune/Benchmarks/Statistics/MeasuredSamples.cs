using System.Globalization;

namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// The one gate every sample passes before any statistic sees it. A benchmark sample is a duration, a rate or a
/// size: a finite positive number. Zero, negative, NaN or infinite values mean the measurement failed (or an imported
/// run is damaged), and ratios, logarithms and relative widths are undefined for them, so they are refused here
/// rather than turned into NaN verdicts later.
/// </summary>
internal static class MeasuredSamples
{
    private const string Hint =
        "benchmark samples are finite positive numbers (durations, rates, sizes); run the benchmark again, or check the imported run";

    /// <summary>A copy of <paramref name="samples"/> in their original order, after checking every value.</summary>
    public static double[] Validated(IReadOnlyList<double>? samples, string what)
    {
        if (samples is null || samples.Count == 0)
            throw new AiTuneException($"{what} has no samples", Hint);
        double[] copy = new double[samples.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            double value = samples[i];
            if (!double.IsFinite(value) || value <= 0)
                throw new AiTuneException(
                    $"{what}: sample {i + 1} of {copy.Length} is {value.ToString("R", CultureInfo.InvariantCulture)}",
                    Hint);
            copy[i] = value;
        }
        return copy;
    }
}
