using AiTune.Benchmarks;
using AiTune.Benchmarks.Store;
using AiTune.Facts;
using AiTune.Metrics;

namespace AiTune.Services.Metrics;

/// <summary>The latest stored result of each suite metric, per profile the run was measured under: the median of its
/// samples in base units. Reads the store only when it exists (a scrape never creates one).</summary>
/// <param name="database">--db, or null for this user's default store.</param>
/// <param name="defaultStore">Read this user's default store when <paramref name="database"/> is null: only for the
/// live host; the runs of this machine say nothing of a host tree or a snapshot read with --root.</param>
public sealed class BenchmarkCollector(string? database, bool defaultStore) : IMetricCollector
{
    /// <summary>The profile label of a run measured with no profile applied.</summary>
    public const string NoProfile = "none";

    public string Name => "benchmarks";

    public void Collect(CollectorOutput output)
    {
        if (database is not { Length: > 0 } && !defaultStore)
        {
            output.Unknown("benchmarks", new UnknownReason(UnknownKind.Absent, "--root names another host: its results are read only from the store --db names"));
            return;
        }

        string path = database is { Length: > 0 } given ? given : ResultStorePath.Default();
        if (!File.Exists(path))
        {
            output.Unknown("benchmarks", database is null
                ? new UnknownReason(UnknownKind.Absent, $"no result store at {path} (aitune bench stores runs there)")
                : UnknownReason.Absent(path));
            return;
        }

        using var store = ResultStore.Open(path);
        var results = new List<MetricSample>();
        var times = new List<MetricSample>();
        var seen = new HashSet<(string Suite, string Profile)>();
        foreach (var summary in store.List().OrderByDescending(r => r.FinishedAt).ThenByDescending(r => r.Id))
        {
            string profile = summary.AppliedProfile ?? NoProfile;
            var fresh = summary.Suites.Where(s => !seen.Contains((s, profile))).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            var run = store.Load(summary.Id);
            foreach (var suite in fresh)
            {
                var cases = run.Cases.Where(c => c.Suite == suite && c.Metrics.Any(m => m.Samples.Count > 0)).ToList();
                if (cases.Count == 0)
                {
                    continue; // skipped on that host: an older run may hold the suite
                }

                seen.Add((suite, profile));
                times.Add(MetricSample.Of(run.FinishedAt.ToUnixTimeMilliseconds() / 1000.0, ("suite", suite), ("profile", profile)));
                foreach (var result in cases)
                {
                    foreach (var metric in result.Metrics.Where(m => m.Samples.Count > 0))
                    {
                        var (unit, factor) = BaseUnit(metric.Unit);
                        results.Add(MetricSample.Of(Median(metric.Samples) * factor,
                            ("suite", suite), ("case", result.Name), ("metric", metric.Name), ("unit", unit), ("profile", profile)));
                    }
                }
            }
        }

        output.Gauge("aitune_benchmark_result", "The median of the latest stored run of each suite metric per profile it ran under (none: no profile applied), in base units (the unit label)", results);
        output.Gauge("aitune_benchmark_timestamp_seconds", "When the latest stored run of the suite under the profile finished, as a Unix time", times);
    }

    /// <summary>The base unit of a benchmark unit, and the factor to it: µs → seconds, GB/s → bytes_per_second.</summary>
    public static (string Unit, double Factor) BaseUnit(string unit) => unit switch
    {
        "s" => ("seconds", 1),
        "ms" => ("seconds", 1e-3),
        "µs" or "us" => ("seconds", 1e-6),
        "ns" => ("seconds", 1e-9),
        "B/s" => ("bytes_per_second", 1),
        "kB/s" or "KB/s" => ("bytes_per_second", 1e3),
        "MB/s" => ("bytes_per_second", 1e6),
        "GB/s" => ("bytes_per_second", 1e9),
        "MiB/s" => ("bytes_per_second", 1 << 20),
        "GiB/s" => ("bytes_per_second", 1 << 30),
        _ when unit.EndsWith("/s", StringComparison.Ordinal) => ("per_second", 1),
        _ => (new string(unit.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray()), 1),
    };

    private static double Median(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
