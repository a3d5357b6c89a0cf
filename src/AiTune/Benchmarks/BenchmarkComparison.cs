using AiTune.Benchmarks.Statistics;

namespace AiTune.Benchmarks;

/// <summary>
/// Two sets of runs compared metric by metric (one run each, or several: three boots of kernel A against three of
/// kernel B, where the runs, not their repetitions, are the replicates; see <see cref="RunComparison"/>). Only metrics
/// measured on both sides with the same unit are compared; the rest are listed.
/// </summary>
/// <param name="Units">The unit of each compared metric.</param>
public sealed record BenchmarkComparison(
    IReadOnlyList<long> BaselineRuns,
    IReadOnlyList<long> CandidateRuns,
    IReadOnlyList<EnvironmentDifference> Differences,
    RunComparison? Result,
    IReadOnlyList<string> OnlyInBaseline,
    IReadOnlyList<string> OnlyInCandidate,
    IReadOnlyDictionary<string, string> Units)
{
    public bool AnyRegressed => Result?.Metrics.Any(m => m.Verdict == ChangeVerdict.Regressed) ?? false;

    public static BenchmarkComparison Compare(IReadOnlyList<BenchmarkRun> baseline, IReadOnlyList<BenchmarkRun> candidate, ComparisonSettings? settings = null)
    {
        if (baseline.Count == 0 || candidate.Count == 0)
        {
            throw new AiTuneException("a compare needs at least one run on each side", "aitune bench compare A B, with run ids from aitune bench history");
        }

        var before = ByMetric(baseline);
        var after = ByMetric(candidate);
        var metrics = new List<MetricSamples>();
        foreach (var (name, (unit, direction, runs)) in before)
        {
            if (after.TryGetValue(name, out var other) && other.Unit == unit)
            {
                metrics.Add(new MetricSamples(name, direction, runs, other.Runs));
            }
        }

        var compared = metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        return new BenchmarkComparison(
            baseline.Select(r => r.Id).ToList(),
            candidate.Select(r => r.Id).ToList(),
            DifferencesBetween(baseline, candidate),
            metrics.Count == 0 ? null : RunComparison.Compare(metrics, settings),
            before.Keys.Where(k => !compared.Contains(k)).ToList(),
            after.Keys.Where(k => !compared.Contains(k)).ToList(),
            metrics.ToDictionary(m => m.Name, m => before[m.Name].Unit, StringComparer.Ordinal));
    }

    /// <summary>Each metric's samples, run by run, from the runs that measured it (in the unit of the first).</summary>
    private static Dictionary<string, (string Unit, MetricDirection Direction, List<IReadOnlyList<double>> Runs)> ByMetric(IReadOnlyList<BenchmarkRun> runs)
    {
        var byMetric = new Dictionary<string, (string Unit, MetricDirection Direction, List<IReadOnlyList<double>> Runs)>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var (name, metric) in run.Metrics())
            {
                if (!byMetric.TryGetValue(name, out var entry))
                {
                    byMetric[name] = entry = (metric.Unit, metric.Direction, []);
                }

                if (entry.Unit == metric.Unit)
                {
                    entry.Runs.Add(metric.Samples);
                }
            }
        }

        return byMetric;
    }

    private static List<EnvironmentDifference> DifferencesBetween(IReadOnlyList<BenchmarkRun> baseline, IReadOnlyList<BenchmarkRun> candidate)
    {
        (string Field, Func<RunEnvironment, string?> Read)[] fields =
        [
            ("host", e => e.Hostname),
            ("kernel", e => e.Kernel),
            ("flavor", e => e.Flavor),
            ("cmdline", e => e.Cmdline),
            ("preemption", e => e.Preemption),
            ("profile", e => e.AppliedProfile ?? "none"),
            ("thp", e => e.Thp),
            ("governor", e => e.Governor),
            ("cpu", e => e.CpuModel),
            ("cpus", e => e.LogicalCpus?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("tool", e => e.ToolVersion),
            ("vector bits", e => e.VectorBits?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        var differences = new List<EnvironmentDifference>();
        foreach (var (field, read) in fields)
        {
            string left = Describe(baseline.Select(r => read(r.Environment)));
            string right = Describe(candidate.Select(r => read(r.Environment)));
            if (left != right)
            {
                differences.Add(new EnvironmentDifference(field, left, right));
            }
        }

        if (baseline.Any(r => r.Settings.Quick) != candidate.Any(r => r.Settings.Quick))
        {
            differences.Add(new EnvironmentDifference("mode", baseline.Any(r => r.Settings.Quick) ? "quick" : "standard", candidate.Any(r => r.Settings.Quick) ? "quick" : "standard"));
        }

        return differences;
    }

    private static string Describe(IEnumerable<string?> values) => string.Join(" | ", values.Select(v => v ?? "unknown").Distinct(StringComparer.Ordinal));
}
