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

    /// <summary>Run 1 the baseline; run 2 slower on bandwidth, on another kernel and quick; run 3 shares no metric
    /// with run 1 (its bandwidth is in another unit); run 4 equal to run 1.</summary>
    private void SeedRuns()
    {
        using var store = ResultStore.Open(Db);
        store.Save(BenchmarkRunSamples.Create("before", ("memory", "copy/single", "bandwidth", MetricDirection.HigherIsBetter, Fast), ("scheduler", "pipe/pinned", "p50", MetricDirection.LowerIsBetter, Fast)));
        store.Save(BenchmarkRunSamples.Create("after", ("memory", "copy/single", "bandwidth", MetricDirection.HigherIsBetter, Fast.Select(v => v * 0.8).ToArray()), ("scheduler", "pipe/pinned", "p50", MetricDirection.LowerIsBetter, Fast))
            with { Environment = BenchmarkRunSamples.Environment(kernel: "6.12.9-generic"), Settings = RunSettingsRecord.Of(RunSettings.QuickLook) });
        store.Save(BenchmarkRunSamples.Create("elsewhere", ("memory", "copy/single", "bandwidth", MetricDirection.LowerIsBetter, Fast), ("disk", "randread/4k", "iops", MetricDirection.HigherIsBetter, Fast)));
        store.Save(BenchmarkRunSamples.Create("again", ("memory", "copy/single", "bandwidth", MetricDirection.HigherIsBetter, Fast), ("scheduler", "pipe/pinned", "p50", MetricDirection.LowerIsBetter, Fast)));
    }

    [Fact]
    public void Compare_across_kernels_matches_its_schema_and_lists_the_differences()
    {
        SeedRuns();

        var result = Aitune.Run("bench", "compare", "1", "2", "--db", Db, "--json");

        Assert.Equal(1, result.ExitCode);
        var root = SchemaTests.Valid(DocumentSchema.Load("bench-compare.schema.json"), result.Output, "compare 1 2");
        var comparison = root.GetProperty("comparison");
        Assert.Equal([1L], comparison.GetProperty("baselineRuns").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([2L], comparison.GetProperty("candidateRuns").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(["kernel: 6.8.0-51-generic → 6.12.9-generic", "mode: standard → quick"],
            comparison.GetProperty("differences").EnumerateArray().Select(d => $"{d.GetProperty("field").GetString()}: {d.GetProperty("baseline").GetString()} → {d.GetProperty("candidate").GetString()}"));
        Assert.True(comparison.GetProperty("anyRegressed").GetBoolean());
        Assert.Equal(0, comparison.GetProperty("onlyInBaseline").GetArrayLength());
        Assert.Equal(0, comparison.GetProperty("onlyInCandidate").GetArrayLength());
        Assert.Equal(["memory/copy/single/bandwidth=GB/s", "scheduler/pipe/pinned/p50=ms"],
            comparison.GetProperty("units").EnumerateObject().Select(u => $"{u.Name}={u.Value.GetString()}"));

        var compared = comparison.GetProperty("result");
        var metrics = compared.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(["regressed", "noSignificantChange"], metrics.Select(m => m.GetProperty("verdict").GetString()));
        Assert.All(metrics, m => Assert.Equal(10, m.GetProperty("baselineCount").GetInt32()));
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
    public void Compare_of_sets_takes_each_run_as_a_replicate_and_says_when_there_are_too_few()
    {
        SeedRuns();

        // Runs 1 and 4 against run 2: pooled, 20 repetitions against 10 would call the 20 % bandwidth drop a
        // regression; as 2 runs against 1 no rank test can, and the compare says how many runs it needs.
        var json = Aitune.Run("bench", "compare", "1,4", "2", "--db", Db, "--json");
        var text = Aitune.Run("bench", "compare", "1,4", "2", "--db", Db);

        Assert.True(json.ExitCode == 0, json.Error);
        var root = SchemaTests.Valid(DocumentSchema.Load("bench-compare.schema.json"), json.Output, "compare 1,4 2");
        var metric = root.GetProperty("comparison").GetProperty("result").GetProperty("metrics")[0];
        Assert.Equal((20, 10, 2, 1), (metric.GetProperty("baselineCount").GetInt32(), metric.GetProperty("candidateCount").GetInt32(),
            metric.GetProperty("baselineRuns").GetInt32(), metric.GetProperty("candidateRuns").GetInt32()));
        Assert.Equal("noSignificantChange", metric.GetProperty("verdict").GetString());
        Assert.Equal(2.0 / 3, metric.GetProperty("pValue").GetDouble(), 12);

        Assert.True(text.ExitCode == 0, text.Error);
        string words = string.Join(' ', text.Output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("each run is one replicate (2 against 1 runs): the test compares the runs' medians", words);
        Assert.Contains("2 runs against 1 cannot show a change: the smallest possible p is 0.6667, not below α = 0.05; measure at least 4 runs a side", words);
    }

    [Fact]
    public void Compare_without_a_common_metric_has_a_null_result_and_still_matches_its_schema()
    {
        SeedRuns();

        var result = Aitune.Run("bench", "compare", "1", "3", "--noise", "0.05", "--alpha", "0.01", "--db", Db, "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var root = SchemaTests.Valid(DocumentSchema.Load("bench-compare.schema.json"), result.Output, "compare 1 3");
        var comparison = root.GetProperty("comparison");
        Assert.Equal(JsonValueKind.Null, comparison.GetProperty("result").ValueKind);
        Assert.False(comparison.GetProperty("anyRegressed").GetBoolean());
        Assert.Equal(0, comparison.GetProperty("differences").GetArrayLength());
        Assert.Empty(comparison.GetProperty("units").EnumerateObject());
        Assert.Equal(["memory/copy/single/bandwidth", "scheduler/pipe/pinned/p50"], comparison.GetProperty("onlyInBaseline").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["memory/copy/single/bandwidth", "disk/randread/4k/iops"], comparison.GetProperty("onlyInCandidate").EnumerateArray().Select(e => e.GetString()));

        // Without a result, the top level is the only place that says how the compare would have decided.
        Assert.Equal(0.05, root.GetProperty("noiseThreshold").GetDouble());
        Assert.Equal(0.01, root.GetProperty("significanceLevel").GetDouble());
    }

    [Fact]
    public void Compare_of_sets_of_runs_pools_their_samples_and_joins_the_values_a_side_disagrees_on()
    {
        SeedRuns();

        var result = Aitune.Run("bench", "compare", "1,2", "4", "--db", Db, "--json");

        Assert.True(result.ExitCode is 0 or 1, result.Error);
        var comparison = SchemaTests.Valid(DocumentSchema.Load("bench-compare.schema.json"), result.Output, "compare 1,2 4").GetProperty("comparison");
        Assert.Equal([1L, 2L], comparison.GetProperty("baselineRuns").EnumerateArray().Select(e => e.GetInt64()));
        var kernel = Assert.Single(comparison.GetProperty("differences").EnumerateArray(), d => d.GetProperty("field").GetString() == "kernel");
        Assert.Equal("6.8.0-51-generic | 6.12.9-generic", kernel.GetProperty("baseline").GetString());
        Assert.Equal("6.8.0-51-generic", kernel.GetProperty("candidate").GetString());
        Assert.All(comparison.GetProperty("result").GetProperty("metrics").EnumerateArray(), m =>
        {
            Assert.Equal(20, m.GetProperty("baselineCount").GetInt32());
            Assert.Equal(10, m.GetProperty("candidateCount").GetInt32());
        });
    }

    [Fact]
    public void Tune_matches_its_schema_with_the_apply_comparison_and_rollback_documents_inside()
    {
        using var host = new ScratchHost();
        string scratch = Directory.CreateDirectory(Path.Join(directory, "scratch")).FullName;

        var result = host.Run(["tune", "--profile", "inference-latency", "--bench", "model-load", "--quick", "--synthetic", "8MiB", "--strategy", "read",
            "--pages", "4k", "--scratch-dir", scratch, "--db", Db, "--json"]);

        Assert.True(result.ExitCode is 0 or 1, result.Error);
        var root = SchemaTests.Valid(DocumentSchema.Load("tune.schema.json"), result.Output, "tune");
        Assert.Equal("inference-latency", root.GetProperty("profile").GetString());
        Assert.Equal(root.GetProperty("profile").GetString(), root.GetProperty("apply").GetProperty("profile").GetString());
        Assert.Equal(1, root.GetProperty("baselineRun").GetInt64());
        Assert.Equal(2, root.GetProperty("candidateRun").GetInt64());
        var comparison = root.GetProperty("comparison");
        Assert.Equal([1L], comparison.GetProperty("baselineRuns").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([2L], comparison.GetProperty("candidateRuns").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("GB/s", comparison.GetProperty("units").GetProperty("model-load/read/4k/throughput").GetString());
        Assert.Contains(root.GetProperty("apply").GetProperty("changes").EnumerateArray(), c => c.GetProperty("id").GetString() == "sysctl:vm.swappiness");

        string decision = root.GetProperty("decision").GetString()!;
        Assert.Equal(comparison.GetProperty("anyRegressed").GetBoolean(), decision == "rolledBack");
        if (decision == "rolledBack")
        {
            Assert.Equal(1, result.ExitCode);
            var rollback = root.GetProperty("rollback");
            Assert.Equal("inference-latency", rollback.GetProperty("profile").GetString());
            Assert.Contains(rollback.GetProperty("restores").EnumerateArray(), r => r.GetProperty("outcome").GetString() == "restored");
        }
        else
        {
            Assert.Equal("kept", decision);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(JsonValueKind.Null, root.GetProperty("rollback").ValueKind);
        }
    }
}
