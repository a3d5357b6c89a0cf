using System.Text.Json;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Store;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Benchmarks;

namespace AiTune.IntegrationTests;

/// <summary>bench compare --json and tune --bench --json against their documented schemas (bench-compare and
/// tune.schema.json), on a scratch database and a scratch directory on the disk.</summary>
public sealed class BenchSchemaTests : IDisposable
{
    private static readonly double[] Fast = [10.1, 10.0, 9.9, 10.2, 10.05, 9.95, 10.15, 9.85, 10.0, 10.1];

    private readonly string directory = Directory.CreateDirectory(Path.Combine("/var/tmp", "aitune-bench-schema-test-" + Guid.NewGuid().ToString("n"))).FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Db => Path.Join(directory, "results.db");

    /// <summary>Runs 1–5 the baseline; runs 6–10 on another kernel, 20 % slower on bandwidth; run 11 shares no metric
    /// with the others (its bandwidth is in another unit); run 12 a quick run (another workload); runs 13–17 like 1–5.
    /// Each run's values are its own by a small jitter, as real runs are.</summary>
    private void SeedRuns()
    {
        using var store = ResultStore.Open(Db);
        for (int i = 1; i <= 5; i++)
        {
            store.Save(Run($"before {i}", 1, i));
        }

        for (int i = 1; i <= 5; i++)
        {
            store.Save(Run($"after {i}", 0.8, i) with { Environment = BenchmarkRunSamples.Environment(kernel: "6.12.9-generic") });
        }

        store.Save(BenchmarkRunSamples.Create("elsewhere", ("memory", "copy/single", "bandwidth", MetricDirection.LowerIsBetter, Fast), ("disk", "randread/4k", "iops", MetricDirection.HigherIsBetter, Fast)));
        var quick = Run("quick", 1, 3);
        store.Save(quick with { Settings = RunSettingsRecord.Of(RunSettings.QuickLook), Cases = quick.Cases.Select(c => c with { Parameters = Workload("quick") }).ToList() });
        for (int i = 1; i <= 5; i++)
        {
            store.Save(Run($"again {i}", 1, 6 - i));
        }
    }

    /// <summary>A standard run of memory bandwidth and scheduler p50, bandwidth scaled by <paramref name="factor"/>,
    /// everything by a jitter of <paramref name="jitter"/> × 0.1 %.</summary>
    private static BenchmarkRun Run(string label, double factor, int jitter)
    {
        double scale = 1 + 0.001 * jitter;
        var run = BenchmarkRunSamples.Create(label,
            ("memory", "copy/single", "bandwidth", MetricDirection.HigherIsBetter, Fast.Select(v => v * factor * scale).ToArray()),
            ("scheduler", "pipe/pinned", "p50", MetricDirection.LowerIsBetter, Fast.Select(v => v * scale).ToArray()));
        return run with { Cases = run.Cases.Select(c => c with { Parameters = Workload("standard") }).ToList() };
    }

    private static Dictionary<string, string> Workload(string mode) => new() { ["threads"] = "1", [CaseResult.ModeParameter] = mode };

    private static string Differences(JsonElement comparison) => string.Join("; ",
        comparison.GetProperty("differences").EnumerateArray().Select(d => $"{d.GetProperty("field").GetString()}: {d.GetProperty("baseline").GetString()} → {d.GetProperty("candidate").GetString()}"));

    [Fact]
    public void Compare_across_kernels_matches_its_schema_and_lists_the_differences()
    {
        SeedRuns();

        var result = Aitune.Run("bench", "compare", "1,2,3,4,5", "6,7,8,9,10", "--db", Db, "--json");

        Assert.Equal(1, result.ExitCode);
        var root = SchemaTests.Valid(DocumentSchema.Load("bench-compare.schema.json"), result.Output, "compare 1-5 6-10");
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        var comparison = root.GetProperty("comparison");
        Assert.Equal([1L, 2L, 3L, 4L, 5L], comparison.GetProperty("baselineRuns").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([6L, 7L, 8L, 9L, 10L], comparison.GetProperty("candidateRuns").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("kernel: 6.8.0-51-generic → 6.12.9-generic", Differences(comparison));
        Assert.True(comparison.GetProperty("anyRegressed").GetBoolean());
        Assert.Equal(0, comparison.GetProperty("onlyInBaseline").GetArrayLength());
        Assert.Equal(0, comparison.GetProperty("onlyInCandidate").GetArrayLength());
        Assert.Equal(0, comparison.GetProperty("mismatched").GetArrayLength());
        Assert.Equal(0, comparison.GetProperty("unrecordedWorkload").GetArrayLength());
        Assert.Equal(0, comparison.GetProperty("busyRuns").GetArrayLength());
        Assert.Equal(["memory/copy/single/bandwidth=GB/s", "scheduler/pipe/pinned/p50=ms"],
            comparison.GetProperty("units").EnumerateObject().Select(u => $"{u.Name}={u.Value.GetString()}"));

        var compared = comparison.GetProperty("result");
        var metrics = compared.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(["regressed", "noSignificantChange"], metrics.Select(m => m.GetProperty("verdict").GetString()));
        Assert.All(metrics, m => Assert.Equal((50, 5), (m.GetProperty("baselineCount").GetInt32(), m.GetProperty("baselineRuns").GetInt32())));
        // Five runs wholly apart: 2 / C(10, 5), Holm-adjusted across the two metrics.
        Assert.Equal(2.0 / 252, metrics[0].GetProperty("pValue").GetDouble(), 12);
        Assert.Equal(4.0 / 252, metrics[0].GetProperty("adjustedPValue").GetDouble(), 12);
        var interval = metrics[0].GetProperty("ratioInterval");
        Assert.InRange(metrics[0].GetProperty("ratio").GetDouble(), interval.GetProperty("lower").GetDouble(), interval.GetProperty("upper").GetDouble());
        Assert.Equal((interval.GetProperty("upper").GetDouble() - interval.GetProperty("lower").GetDouble()) / 2, interval.GetProperty("halfWidth").GetDouble(), 12);
        var settings = compared.GetProperty("settings");
        Assert.Equal(0.02, root.GetProperty("noiseThreshold").GetDouble());
        Assert.Equal(0.05, root.GetProperty("significanceLevel").GetDouble());
        Assert.Equal(root.GetProperty("noiseThreshold").GetDouble(), settings.GetProperty("noiseThreshold").GetDouble());
        Assert.Equal(root.GetProperty("significanceLevel").GetDouble(), settings.GetProperty("significanceLevel").GetDouble());
        Assert.Equal(0.95, settings.GetProperty("bootstrap").GetProperty("confidenceLevel").GetDouble());
        Assert.Equal(0.95, compared.GetProperty("geometricMeanGainInterval").GetProperty("level").GetDouble());
    }

    [Fact]
    public void Compare_of_too_few_runs_a_side_is_undecidable_and_says_how_many_it_takes()
    {
        SeedRuns();

        // Runs 1 and 2 against run 6: pooled, 20 repetitions against 10 would call the 20 % bandwidth drop a
        // regression; as 2 runs against 1 no rank test can, and the compare says how many runs it needs.
        var json = Aitune.Run("bench", "compare", "1,2", "6", "--db", Db, "--json");
        var text = Aitune.Run("bench", "compare", "1,2", "6", "--db", Db);

        Assert.True(json.ExitCode == 0, json.Error);
        var root = SchemaTests.Valid(DocumentSchema.Load("bench-compare.schema.json"), json.Output, "compare 1,2 6");
        var metric = root.GetProperty("comparison").GetProperty("result").GetProperty("metrics")[0];
        Assert.Equal((20, 10, 2, 1), (metric.GetProperty("baselineCount").GetInt32(), metric.GetProperty("candidateCount").GetInt32(),
            metric.GetProperty("baselineRuns").GetInt32(), metric.GetProperty("candidateRuns").GetInt32()));
        Assert.Equal("undecidable", metric.GetProperty("verdict").GetString());
        Assert.Equal(2.0 / 3, metric.GetProperty("pValue").GetDouble(), 12);

        Assert.True(text.ExitCode == 0, text.Error);
        string words = string.Join(' ', text.Output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("can't tell", words);
        Assert.Contains("0 faster, 0 slower, 0 no significant change, 2 undecidable", words);
        Assert.Contains("each run is one replicate (2 against 1 runs): the test compares the runs' medians", words);
        Assert.Contains("2 run(s) against 1 cannot show a change in 2 metric(s): even runs wholly apart give p = 0.6667 before Holm's correction, which must stay below α = 0.05; measure at least 5 runs a side", words);
    }

    [Fact]
    public void Compare_without_a_common_metric_has_a_null_result_and_still_matches_its_schema()
    {
        SeedRuns();

        var result = Aitune.Run("bench", "compare", "1", "11", "--noise", "0.05", "--alpha", "0.01", "--db", Db, "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var root = SchemaTests.Valid(DocumentSchema.Load("bench-compare.schema.json"), result.Output, "compare 1 11");
        var comparison = root.GetProperty("comparison");
        Assert.Equal(JsonValueKind.Null, comparison.GetProperty("result").ValueKind);
        Assert.False(comparison.GetProperty("anyRegressed").GetBoolean());
        Assert.Equal(0, comparison.GetProperty("differences").GetArrayLength());
        Assert.Empty(comparison.GetProperty("units").EnumerateObject());
        Assert.Equal(["memory/copy/single/bandwidth", "scheduler/pipe/pinned/p50"], comparison.GetProperty("onlyInBaseline").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["memory/copy/single/bandwidth", "disk/randread/4k/iops"], comparison.GetProperty("onlyInCandidate").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([11L], comparison.GetProperty("unrecordedWorkload").EnumerateArray().Select(e => e.GetInt64()));

        // Without a result, the top level is the only place that says how the compare would have decided.
        Assert.Equal(0.05, root.GetProperty("noiseThreshold").GetDouble());
        Assert.Equal(0.01, root.GetProperty("significanceLevel").GetDouble());
    }

    [Fact]
    public void Compare_of_sets_of_runs_pools_their_samples_and_joins_the_values_a_side_disagrees_on()
    {
        SeedRuns();

        var result = Aitune.Run("bench", "compare", "1,6", "2", "--db", Db, "--json");

        Assert.True(result.ExitCode is 0 or 1, result.Error);
        var comparison = SchemaTests.Valid(DocumentSchema.Load("bench-compare.schema.json"), result.Output, "compare 1,6 2").GetProperty("comparison");
        Assert.Equal([1L, 6L], comparison.GetProperty("baselineRuns").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("kernel: 6.8.0-51-generic | 6.12.9-generic → 6.8.0-51-generic", Differences(comparison));
        Assert.All(comparison.GetProperty("result").GetProperty("metrics").EnumerateArray(), m =>
        {
            Assert.Equal(20, m.GetProperty("baselineCount").GetInt32());
            Assert.Equal(10, m.GetProperty("candidateCount").GetInt32());
        });
    }

    [Fact]
    public void A_quick_run_against_standard_runs_is_refused_and_compared_marked_with_force()
    {
        SeedRuns();

        var refused = Aitune.Run("bench", "compare", "1,2,3,4,5", "12", "--db", Db);
        var forced = Aitune.Run("bench", "compare", "1,2,3,4,5", "12", "--force", "--db", Db, "--json");
        var forcedText = Aitune.Run("bench", "compare", "1,2,3,4,5", "12", "--force", "--db", Db);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("error: the runs measured different workloads: memory/copy/single/bandwidth: mode standard → quick (and 1 more metric(s))", refused.Error.Split('\n')[0]);
        Assert.Contains("--force compares them anyway", refused.Error);
        Assert.Equal(0, forced.ExitCode);
        var comparison = SchemaTests.Valid(DocumentSchema.Load("bench-compare.schema.json"), forced.Output, "compare --force").GetProperty("comparison");
        Assert.All(comparison.GetProperty("mismatched").EnumerateArray(), m => Assert.True(m.GetProperty("compared").GetBoolean()));
        Assert.Equal(2, comparison.GetProperty("result").GetProperty("metrics").GetArrayLength());
        Assert.Contains("  bandwidth GB/s *", forcedText.Output);
        Assert.Contains("* compared with --force although the workloads differ: memory/copy/single/bandwidth: mode standard → quick", forcedText.Output);
    }

    [Fact]
    public void A_run_compared_with_itself_is_refused()
    {
        SeedRuns();

        var result = Aitune.Run("bench", "compare", "1,2", "2,3", "--db", Db);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: run 2 is on both sides of the compare", result.Error.Split('\n')[0]);
    }
}
