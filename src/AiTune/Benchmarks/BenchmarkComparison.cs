using System.Globalization;
using AiTune.Benchmarks.Statistics;

namespace AiTune.Benchmarks;

/// <summary>
/// Two sets of runs compared metric by metric (one run each, or several: three boots of kernel A against three of
/// kernel B, where the runs, not their repetitions, are the replicates; see <see cref="RunComparison"/>). A compare
/// knows what it compares: only metrics measured on both sides with the same unit and the same workload (every case
/// records its parameters) are compared; a metric whose workloads differ is left out and listed, or compared and
/// marked when forced. The host differences, the runs taken on a busy host and the runs whose workload was not
/// recorded (stored by an older aitune) are listed, and a run on both sides is refused.
/// </summary>
/// <param name="Units">The unit of each compared metric.</param>
/// <param name="Mismatched">Metrics whose runs measured different workloads.</param>
/// <param name="UnrecordedWorkload">Runs stored before aitune recorded workload parameters: only their mode (quick or
/// standard) could be checked.</param>
/// <param name="BusyRuns">Runs taken while other processes or the hypervisor took a share of the CPU above the
/// documented threshold: their numbers measure the neighbours too.</param>
public sealed record BenchmarkComparison(
    IReadOnlyList<long> BaselineRuns,
    IReadOnlyList<long> CandidateRuns,
    IReadOnlyList<RunDifference> Differences,
    RunComparison? Result,
    IReadOnlyList<string> OnlyInBaseline,
    IReadOnlyList<string> OnlyInCandidate,
    IReadOnlyDictionary<string, string> Units,
    IReadOnlyList<WorkloadMismatch> Mismatched,
    IReadOnlyList<long> UnrecordedWorkload,
    IReadOnlyList<BusyRun> BusyRuns)
{
    public bool AnyRegressed => Result?.Metrics.Any(m => m.Verdict == ChangeVerdict.Regressed) ?? false;

    /// <param name="forceMismatched">Compare metrics whose workloads differ too (marked in <see cref="Mismatched"/>)
    /// instead of leaving them out.</param>
    /// <exception cref="AiTuneException">A side is empty; a run is on both sides; or every metric both sides measured
    /// had different workloads and <paramref name="forceMismatched"/> is false.</exception>
    public static BenchmarkComparison Compare(IReadOnlyList<BenchmarkRun> baseline, IReadOnlyList<BenchmarkRun> candidate, ComparisonSettings? settings = null,
        bool forceMismatched = false)
    {
        if (baseline.Count == 0 || candidate.Count == 0)
        {
            throw new AiTuneException("a compare needs at least one run on each side", "aitune bench compare A B, with run ids from aitune bench history");
        }

        RefuseSelfCompare(baseline, candidate);
        var before = ByMetric(baseline);
        var after = ByMetric(candidate);
        var metrics = new List<MetricSamples>();
        var mismatched = new List<WorkloadMismatch>();
        foreach (var (name, entry) in before)
        {
            if (!after.TryGetValue(name, out var other) || other.Unit != entry.Unit)
            {
                continue;
            }

            var differences = WorkloadDifferences(entry.Workloads, other.Workloads);
            if (differences.Count > 0)
            {
                mismatched.Add(new WorkloadMismatch(name, differences, forceMismatched));
                if (!forceMismatched)
                {
                    continue;
                }
            }

            metrics.Add(new MetricSamples(name, entry.Direction, entry.Runs, other.Runs));
        }

        if (metrics.Count == 0 && mismatched.Count > 0)
        {
            var first = mismatched[0];
            throw new AiTuneException(
                $"the runs measured different workloads: {first.Metric}: {string.Join(", ", first.Differences.Select(d => $"{d.Field} {d.Baseline} → {d.Candidate}"))}"
                + (mismatched.Count > 1 ? $" (and {mismatched.Count - 1} more metric(s))" : ""),
                "compare runs of the same suite options (the same model, size, threads, --quick or not); --force compares them anyway, marked");
        }

        // Metrics neither compared nor listed as mismatched: on one side only, or in another unit on the other.
        var accounted = metrics.Select(m => m.Name).Concat(mismatched.Select(m => m.Metric)).ToHashSet(StringComparer.Ordinal);
        var all = baseline.Concat(candidate).ToList();
        return new BenchmarkComparison(
            baseline.Select(r => r.Id).ToList(),
            candidate.Select(r => r.Id).ToList(),
            DifferencesBetween(baseline, candidate),
            metrics.Count == 0 ? null : RunComparison.Compare(metrics, settings),
            before.Keys.Where(k => !accounted.Contains(k)).ToList(),
            after.Keys.Where(k => !accounted.Contains(k)).ToList(),
            metrics.ToDictionary(m => m.Name, m => before[m.Name].Unit, StringComparer.Ordinal),
            mismatched,
            all.Where(r => r.Cases.Any(c => c.Parameters is null)).Select(r => r.Id).Distinct().ToList(),
            all.Where(r => r.Load?.BusyReason is not null).Select(r => new BusyRun(r.Id, r.Load!.BusyReason!)).ToList());
    }

    /// <summary>A run compared with itself shows "no change" by construction, which is not a finding.</summary>
    private static void RefuseSelfCompare(IReadOnlyList<BenchmarkRun> baseline, IReadOnlyList<BenchmarkRun> candidate)
    {
        foreach (var run in candidate)
        {
            if (baseline.FirstOrDefault(b => (b.Id > 0 && b.Id == run.Id) || (b.Uid is not null && b.Uid == run.Uid)) is { } same)
            {
                throw new AiTuneException(
                    same.Id == run.Id ? $"run {run.Id} is on both sides of the compare" : $"runs {same.Id} and {run.Id} are the same run (imported twice)",
                    "a run compared with itself always shows no change; compare it with another run (aitune bench history lists them)");
            }
        }
    }

    /// <summary>Each metric's samples and workload parameters, run by run, from the runs that measured it (in the unit
    /// of the first).</summary>
    private static Dictionary<string, MetricRuns> ByMetric(IReadOnlyList<BenchmarkRun> runs)
    {
        var byMetric = new Dictionary<string, MetricRuns>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var result in run.Cases)
            {
                var workload = Workload(run, result);
                foreach (var metric in result.Metrics.Where(m => m.Samples.Count > 0))
                {
                    string name = $"{result.FullName}/{metric.Name}";
                    if (!byMetric.TryGetValue(name, out var entry))
                    {
                        byMetric[name] = entry = new MetricRuns(metric.Unit, metric.Direction, [], []);
                    }

                    if (entry.Unit == metric.Unit)
                    {
                        entry.Runs.Add(metric.Samples);
                        entry.Workloads.Add(workload);
                    }
                }
            }
        }

        return byMetric;
    }

    /// <summary>A case's workload parameters; for a run stored before they were recorded, only the mode its settings
    /// say.</summary>
    private static IReadOnlyDictionary<string, string> Workload(BenchmarkRun run, CaseResult result) =>
        result.Parameters ?? new Dictionary<string, string>(StringComparer.Ordinal) { [CaseResult.ModeParameter] = run.Settings.Quick ? "quick" : "standard" };

    /// <summary>The parameters on which the runs disagree. A parameter a run did not record (an older aitune) is
    /// unknown there, not different.</summary>
    private static List<RunDifference> WorkloadDifferences(List<IReadOnlyDictionary<string, string>> baseline, List<IReadOnlyDictionary<string, string>> candidate)
    {
        var differences = new List<RunDifference>();
        var keys = baseline.Concat(candidate).SelectMany(w => w.Keys).Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            var left = baseline.Select(w => w.GetValueOrDefault(key)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var right = candidate.Select(w => w.GetValueOrDefault(key)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (left.Concat(right).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                differences.Add(new RunDifference(key, left.Count == 0 ? "not recorded" : Describe(left), right.Count == 0 ? "not recorded" : Describe(right)));
            }
        }

        return differences;
    }

    private static List<RunDifference> DifferencesBetween(IReadOnlyList<BenchmarkRun> baseline, IReadOnlyList<BenchmarkRun> candidate)
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
            ("cpus", e => e.LogicalCpus?.ToString(CultureInfo.InvariantCulture)),
            ("virtualization", e => e.Virtualization),
            ("clocksource", e => e.Clocksource),
            ("kernel config", e => e.KernelConfigHash is { } hash ? hash[..Math.Min(12, hash.Length)] : null),
            ("tool", e => e.ToolVersion),
            ("vector bits", e => e.VectorBits?.ToString(CultureInfo.InvariantCulture)),
        ];
        var differences = new List<RunDifference>();
        foreach (var (field, read) in fields)
        {
            string left = Describe(baseline.Select(r => read(r.Environment)));
            string right = Describe(candidate.Select(r => read(r.Environment)));
            if (left != right)
            {
                differences.Add(new RunDifference(field, left, right));
            }
        }

        return differences;
    }

    private static string Describe(IEnumerable<string?> values) => string.Join(" | ", values.Select(v => v ?? "unknown").Distinct(StringComparer.Ordinal));

    private sealed record MetricRuns(string Unit, MetricDirection Direction, List<IReadOnlyList<double>> Runs, List<IReadOnlyDictionary<string, string>> Workloads);
}
