using Perfolizer.Mathematics.QuantileEstimators;

namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// Kernels compared by a deterministic meter: guests under QEMU's TCG with <c>-icount shift=0,sleep=off</c>, where
/// one guest instruction takes one nanosecond of virtual time, so a time per operation is the number of
/// instructions the kernel executes for it (its path length). Boots of one kernel agree to about 1 %, not the 20–40 %
/// of wall-clock TCG, so the rank test's "runs as replicates" would waste that precision (two boots a side can never
/// reach p &lt; 0.05) and a range rule, as lkp-tests uses, says what the data can: a metric changed when every boot of
/// one kernel lies beyond every boot of the other (the ranges are disjoint) and the ratio of their medians is outside
/// both the noise band and twice the spread either kernel showed between its own boots; it did not change when the
/// ratio is inside the band and both kernels repeat within it. Anything else is <see cref="ChangeVerdict.Undecidable"/>:
/// one boot a side shows no spread, and a meter that wandered more than the band cannot vouch for "no change".
/// The same kernel on both sides (an A/A test) repeats within the band and is never called changed.
/// </summary>
public static class PathLengthComparison
{
    /// <summary>±3 %: twice the spread between boots measured for every metric of the kernel suite on four Debian
    /// kernels (≤ 1.5 %, docs/BENCHMARKS.md), and below the smallest kernel differences worth reporting
    /// (6.12 against 6.1: 4–9 %).</summary>
    public const double DefaultNoiseBand = 0.03;

    /// <summary>Boots a side below which nothing is decided.</summary>
    public const int MinimumRuns = 2;

    public static IReadOnlyList<PathLengthVerdict> Compare(IReadOnlyList<MetricSamples> metrics, double noiseBand = DefaultNoiseBand)
    {
        if (!(noiseBand > 0 && noiseBand < 1))
        {
            throw new AiTuneException($"the noise band must lie strictly between 0 and 1, not {noiseBand}", "give it as a fraction: 0.03 is ±3 %");
        }

        return metrics.Select(metric => Judge(metric, noiseBand)).ToList();
    }

    private static PathLengthVerdict Judge(MetricSamples metric, double band)
    {
        var baseline = RunMedians(metric.BaselineRuns, metric.Name, "baseline");
        var candidate = RunMedians(metric.CandidateRuns, metric.Name, "candidate");
        double ratio = Median(candidate) / Median(baseline);
        double spread = Math.Max(Spread(baseline), Spread(candidate));
        bool disjoint = baseline.Max() < candidate.Min() || candidate.Max() < baseline.Min();
        double shift = Math.Abs(ratio - 1);

        ChangeVerdict verdict;
        string reason;
        if (baseline.Length < MinimumRuns || candidate.Length < MinimumRuns)
        {
            verdict = ChangeVerdict.Undecidable;
            reason = $"{Math.Min(baseline.Length, candidate.Length)} boot on one side: at least {MinimumRuns} a side show how far a kernel repeats";
        }
        else if (disjoint && shift > band && shift > 2 * spread)
        {
            bool lower = ratio < 1;
            verdict = lower == (metric.Direction == MetricDirection.LowerIsBetter) ? ChangeVerdict.Improved : ChangeVerdict.Regressed;
            reason = $"every boot beyond every boot of the other kernel, {Percent(shift)} apart against {Percent(spread)} between boots of one kernel";
        }
        else if (shift <= band && spread <= band)
        {
            verdict = ChangeVerdict.NoSignificantChange;
            reason = $"within the ±{Percent(band)} band, boots of each kernel repeating within {Percent(spread)}";
        }
        else
        {
            verdict = ChangeVerdict.Undecidable;
            reason = spread > band
                ? $"boots of one kernel differ by {Percent(spread)}, more than the ±{Percent(band)} this meter is trusted to"
                : $"{Percent(shift)} apart, but the boots of the two kernels overlap";
        }

        return new PathLengthVerdict
        {
            Name = metric.Name,
            Direction = metric.Direction,
            BaselineRunMedians = baseline,
            CandidateRunMedians = candidate,
            Ratio = ratio,
            Spread = spread,
            RangesDisjoint = disjoint,
            Verdict = verdict,
            Reason = reason,
        };
    }

    private static double[] RunMedians(IReadOnlyList<IReadOnlyList<double>> runs, string name, string side)
    {
        var medians = new double[runs.Count];
        for (int i = 0; i < runs.Count; i++)
        {
            var samples = runs[i].ToArray();
            if (samples.Length == 0 || samples.Any(v => !double.IsFinite(v) || v <= 0))
            {
                throw new AiTuneException($"metric '{name}', {side} run {i + 1}: no samples, or a sample that is not a finite positive number",
                    "compare runs that measured the metric");
            }

            medians[i] = Median(samples);
        }

        return medians.Length > 0
            ? medians
            : throw new AiTuneException($"metric '{name}' has no {side} run", "a compare needs at least one run on each side");
    }

    /// <summary>Largest over smallest, minus one: how far the boots of one kernel lie apart.</summary>
    private static double Spread(double[] values) => values.Max() / values.Min() - 1;

    private static double Median(double[] values) => HyndmanFanQuantileEstimator.Type7.Quantile(values, 0.5);

    private static string Percent(double fraction) => (fraction * 100).ToString(fraction < 0.1 ? "0.0" : "0", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
