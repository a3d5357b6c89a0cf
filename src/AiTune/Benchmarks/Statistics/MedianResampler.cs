namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// Draws bootstrap replicates of the median (Hyndman–Fan type 7, the same definition as the point estimate) from a
/// sorted sample. A resample is n draws with replacement; instead of sorting each one, it counts how often each
/// sorted position was drawn and walks the counts to the two order statistics the median interpolates between.
/// That is O(n) per replicate with no allocation, so 10,000 replicates of a 100,000-sample latency run stay cheap.
/// </summary>
internal sealed class MedianResampler
{
    private readonly double[] sorted;
    private readonly int[] counts;
    private readonly int lowerRank;
    private readonly int upperRank;
    private readonly double fraction;

    public MedianResampler(double[] sorted)
    {
        this.sorted = sorted;
        counts = new int[sorted.Length];
        // Type 7: h = (n − 1)·p with p = 0.5, 0-based; the median is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
        double h = (sorted.Length - 1) * 0.5;
        lowerRank = (int)Math.Floor(h);
        upperRank = Math.Min(lowerRank + 1, sorted.Length - 1);
        fraction = h - lowerRank;
    }

    /// <summary>The median of one resample of the sample, drawn with <paramref name="random"/>.</summary>
    public double Next(Random random)
    {
        int n = sorted.Length;
        Array.Clear(counts);
        for (int i = 0; i < n; i++)
            counts[random.Next(n)]++;

        // The resample, sorted, is each sorted[k] repeated counts[k] times: find the values at the two ranks.
        double lower = double.NaN;
        int seen = 0;
        for (int k = 0; k < n; k++)
        {
            seen += counts[k];
            if (double.IsNaN(lower) && seen > lowerRank)
                lower = sorted[k];
            if (seen > upperRank)
                return lower + fraction * (sorted[k] - lower);
        }
        throw new InvalidOperationException("a resample holds fewer values than the sample it was drawn from");
    }
}
