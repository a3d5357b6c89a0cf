namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// Holm's step-down correction for testing many metrics at once (Holm 1979, "A simple sequentially rejective
/// multiple test procedure"): sort the m p-values ascending, multiply the k-th smallest (k from 1) by m − k + 1, cap
/// at 1 and make the sequence non-decreasing. Rejecting where the adjusted p is below α keeps the chance of any false
/// "changed" verdict among the metrics at most α, and it is uniformly more powerful than plain Bonferroni.
/// The same as R's <c>p.adjust(p, "holm")</c>.
/// </summary>
public static class HolmCorrection
{
    /// <summary>The adjusted p-values, in the order of <paramref name="pValues"/>.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        int count = pValues.Count;
        int[] order = new int[count];
        double[] sorted = new double[count];
        for (int i = 0; i < count; i++)
        {
            if (!(pValues[i] is >= 0 and <= 1))
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], $"p-value {i + 1} is not a probability");
            order[i] = i;
            sorted[i] = pValues[i];
        }
        Array.Sort(sorted, order);

        double[] adjusted = new double[count];
        double running = 0;
        for (int k = 0; k < count; k++)
        {
            running = Math.Max(running, Math.Min(1, (count - k) * sorted[k]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }
}
