using Perfolizer.Mathematics.QuantileEstimators;

namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// A baseline run (A) compared with a candidate run (B), metric by metric, with a verdict on each and a
/// geometric-mean summary.
/// <para>
/// Per metric: the ratio of medians B/A with a percentile-bootstrap interval, and a two-sided Mann-Whitney test.
/// The run is the replicate, always: repetitions within one run share its page-cache state, memory placement, THP
/// availability and neighbours, so they understate how much a number moves from one run to the next (two identical
/// back-to-back runs compared on their repetitions came out "1.40, p = 0.001, faster"). The interval comes from a
/// two-level bootstrap (runs, then samples within each run) and the test compares the runs' medians with the exact
/// permutation distribution (ties included), so 3 boots × 20 repetitions count as 3, not 60. Few runs cannot show a
/// change: Mann-Whitney's smallest two-sided p is 1 for one run against one, 0.10 for 3 against 3, 0.029 for 4
/// against 4 (<see cref="RankSumTest.SmallestTwoSidedP"/>); a metric whose runs could not reach α even wholly apart is
/// <see cref="ChangeVerdict.Undecidable"/>, never "no change".
/// The p-values are Holm-adjusted across all metrics of the compare before any verdict, and a metric changed only
/// when its adjusted p is below α and its whole ratio interval lies outside the noise band (see
/// <see cref="ComparisonSettings"/>).
/// </para>
/// <para>
/// The summary is the geometric mean of each metric's gain, the ratio turned so that above 1 is always better: A/B
/// for lower-is-better metrics, B/A for higher-is-better ones (PTS normalizes its geometric mean the same way). 1.10
/// reads "10 % better on the geometric mean". Its interval comes from the same bootstrap replicates as the ratios.
/// </para>
/// </summary>
public sealed class RunComparison
{
    private RunComparison(IReadOnlyList<MetricComparison> metrics, double geometricMeanGain,
        ConfidenceInterval geometricMeanGainInterval, ComparisonSettings settings)
    {
        Metrics = metrics;
        GeometricMeanGain = geometricMeanGain;
        GeometricMeanGainInterval = geometricMeanGainInterval;
        Settings = settings;
    }

    /// <summary>The metrics in the order they were given.</summary>
    public IReadOnlyList<MetricComparison> Metrics { get; }

    /// <summary>Geometric mean of the direction-normalized ratios; above 1 the candidate is better overall.</summary>
    public double GeometricMeanGain { get; }

    /// <summary>Bootstrap interval of <see cref="GeometricMeanGain"/>, the metrics resampled independently.</summary>
    public ConfidenceInterval GeometricMeanGainInterval { get; }

    public ComparisonSettings Settings { get; }

    /// <summary>
    /// Compares every metric; throws <see cref="AiTuneException"/> when there are no metrics, a name is empty or
    /// repeated, or a metric's samples are missing or not finite positive numbers.
    /// </summary>
    public static RunComparison Compare(IReadOnlyList<MetricSamples> metrics, ComparisonSettings? settings = null)
    {
        settings ??= ComparisonSettings.Default;
        if (metrics.Count == 0)
            throw new AiTuneException("there are no metrics to compare", "compare runs of the same benchmark suites");

        var bootstrap = settings.Bootstrap;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var measured = new (MetricSamples Metric, double[][] Baseline, double[][] Candidate, RankSumResult Test,
            double[] RatioReplicates)[metrics.Count];
        for (int i = 0; i < metrics.Count; i++)
        {
            var metric = metrics[i];
            if (string.IsNullOrWhiteSpace(metric.Name))
                throw new AiTuneException($"metric {i + 1} of the compare has no name", "every metric needs a name");
            if (!names.Add(metric.Name))
                throw new AiTuneException($"metric '{metric.Name}' appears twice in the compare",
                    "a run holds each metric once; merge the samples or rename one");
            double[][] baseline = Validated(metric.BaselineRuns, $"metric '{metric.Name}', baseline");
            double[][] candidate = Validated(metric.CandidateRuns, $"metric '{metric.Name}', candidate");
            var test = RankSumTest.TwoSidedPermutation(Sorted(baseline.Select(Median).ToArray()), Sorted(candidate.Select(Median).ToArray()));
            measured[i] = (metric, baseline, candidate, test,
                RatioReplicates(baseline, candidate, bootstrap, MetricSeed(bootstrap.Seed, metric.Name)));
        }

        double[] adjusted = HolmCorrection.Adjust(measured.Select(m => m.Test.PValue).ToArray());
        var comparisons = new MetricComparison[measured.Length];
        double[] logGainReplicates = new double[bootstrap.Resamples];
        double logGainSum = 0;
        for (int i = 0; i < measured.Length; i++)
        {
            var (metric, baseline, candidate, test, ratioReplicates) = measured[i];
            double[] pooledBaseline = Pooled(baseline);
            double[] pooledCandidate = Pooled(candidate);
            double baselineMedian = Median(pooledBaseline);
            double candidateMedian = Median(pooledCandidate);
            double ratio = candidateMedian / baselineMedian;
            var interval = PercentileInterval.Of(ratioReplicates, bootstrap.ConfidenceLevel);
            comparisons[i] = new MetricComparison
            {
                Name = metric.Name,
                Direction = metric.Direction,
                BaselineCount = pooledBaseline.Length,
                CandidateCount = pooledCandidate.Length,
                BaselineRuns = baseline.Length,
                CandidateRuns = candidate.Length,
                BaselineMedian = baselineMedian,
                CandidateMedian = candidateMedian,
                Ratio = ratio,
                RatioInterval = interval,
                CandidateU = test.CandidateU,
                PValue = test.PValue,
                AdjustedPValue = adjusted[i],
                RankTestMethod = test.Method,
                Verdict = CanShowChange(measured.Length, baseline.Length, candidate.Length, settings.SignificanceLevel)
                    ? Verdict(metric.Direction, interval, adjusted[i], settings)
                    : ChangeVerdict.Undecidable,
            };

            logGainSum += LogGain(metric.Direction, ratio);
            for (int r = 0; r < logGainReplicates.Length; r++)
                logGainReplicates[r] += LogGain(metric.Direction, ratioReplicates[r]);
        }

        double[] gainReplicates = logGainReplicates.Select(sum => Math.Exp(sum / measured.Length)).ToArray();
        return new RunComparison(comparisons, Math.Exp(logGainSum / measured.Length),
            PercentileInterval.Of(gainReplicates, bootstrap.ConfidenceLevel), settings);
    }

    /// <summary>Whether a compare of <paramref name="metrics"/> metrics could call one of them changed with these runs
    /// a side: the smallest p the rank test can give, Holm-adjusted as the first of <paramref name="metrics"/>, below α.</summary>
    public static bool CanShowChange(int metrics, int baselineRuns, int candidateRuns, double alpha) =>
        metrics * RankSumTest.SmallestTwoSidedP(baselineRuns, candidateRuns) < alpha;

    /// <summary>The fewest runs a side with which a compare of <paramref name="metrics"/> metrics can show a change at
    /// <paramref name="alpha"/> (4 for one metric at 0.05, 6 for ten).</summary>
    public static int RunsPerSideNeeded(int metrics, double alpha)
    {
        int runs = 1;
        while (!CanShowChange(Math.Max(metrics, 1), runs, runs, alpha))
            runs++;
        return runs;
    }

    private static ChangeVerdict Verdict(MetricDirection direction, ConfidenceInterval ratioInterval,
        double adjustedPValue, ComparisonSettings settings)
    {
        if (adjustedPValue >= settings.SignificanceLevel)
            return ChangeVerdict.NoSignificantChange;
        bool smaller = ratioInterval.Upper < 1 - settings.NoiseThreshold;
        bool larger = ratioInterval.Lower > 1 + settings.NoiseThreshold;
        if (!smaller && !larger)
            return ChangeVerdict.NoSignificantChange;
        return smaller == (direction == MetricDirection.LowerIsBetter) ? ChangeVerdict.Improved : ChangeVerdict.Regressed;
    }

    /// <summary>log of the gain: the ratio B/A turned so that a positive value is better.</summary>
    private static double LogGain(MetricDirection direction, double ratio) =>
        direction == MetricDirection.LowerIsBetter ? -Math.Log(ratio) : Math.Log(ratio);

    /// <summary>Bootstrap replicates of median(B*)/median(A*), A and B resampled independently (at two levels for a
    /// side with several runs: <see cref="MedianResampler"/>).</summary>
    private static double[] RatioReplicates(double[][] sortedBaseline, double[][] sortedCandidate,
        BootstrapSettings bootstrap, int seed)
    {
        var random = new Random(seed);
        var baseline = new MedianResampler(sortedBaseline);
        var candidate = new MedianResampler(sortedCandidate);
        double[] replicates = new double[bootstrap.Resamples];
        for (int r = 0; r < replicates.Length; r++)
        {
            double baselineMedian = baseline.Next(random);
            replicates[r] = candidate.Next(random) / baselineMedian;
        }
        return replicates;
    }

    /// <summary>
    /// A metric's own seed, from the compare's seed and the metric's name (FNV-1a; string.GetHashCode is randomized
    /// per process), so a metric's interval does not change when other metrics join or leave the compare.
    /// </summary>
    private static int MetricSeed(int seed, string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash ^= c;
            hash *= 16777619;
        }
        return seed ^ (int)hash;
    }

    private static double Median(double[] values) => HyndmanFanQuantileEstimator.Type7.Quantile(values, 0.5);

    /// <summary>Each run's samples validated and sorted; at least one run.</summary>
    private static double[][] Validated(IReadOnlyList<IReadOnlyList<double>> runs, string what)
    {
        if (runs.Count == 0)
            throw new AiTuneException($"{what} has no run", "compare runs that measured the metric");
        return runs.Select((run, r) => Sorted(MeasuredSamples.Validated(run, runs.Count == 1 ? what : $"{what} run {r + 1}"))).ToArray();
    }

    private static double[] Pooled(double[][] runs) => runs.Length == 1 ? runs[0] : Sorted(runs.SelectMany(run => run).ToArray());

    private static double[] Sorted(double[] values)
    {
        Array.Sort(values);
        return values;
    }
}
