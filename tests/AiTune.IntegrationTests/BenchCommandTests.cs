using System.Diagnostics;
using System.Text.Json;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Store;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Benchmarks;

namespace AiTune.IntegrationTests;

/// <summary>bench SUITE, bench compare and tune --bench end to end on this machine: short runs on a small
/// synthetic model, a scratch database, a scratch directory on the disk.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateDirectory(Path.Combine("/var/tmp", "aitune-bench-test-" + Guid.NewGuid().ToString("n"))).FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Db => Path.Join(directory, "results.db");

    private string Scratch => Directory.CreateDirectory(Path.Join(directory, "scratch")).FullName;

    private string[] QuickLoad(params string[] more) =>
        ["bench", "model-load", "--quick", "--synthetic", "8MiB", "--strategy", "read,mmap", "--pages", "4k", "--scratch-dir", Scratch, "--db", Db, .. more];

    [Fact]
    public void A_model_load_run_is_measured_stored_and_printed_as_json_with_its_raw_samples_and_summaries()
    {
        var result = Aitune.Run(QuickLoad("--json", "--label", "first"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Empty(DocumentSchema.Load("bench-runs.schema.json").Problems(result.Output));
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        Assert.Equal(1, run.GetProperty("id").GetInt64());
        Assert.Equal("first", run.GetProperty("label").GetString());
        Assert.False(run.GetProperty("partial").GetBoolean());
        Assert.True(run.GetProperty("settings").GetProperty("quick").GetBoolean());
        Assert.Equal(["read/4k", "mmap"], run.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        foreach (var summary in root.GetProperty("metrics").EnumerateArray())
        {
            double median = summary.GetProperty("median").GetDouble();
            Assert.Equal("GB/s", summary.GetProperty("unit").GetString());
            Assert.Equal("higherIsBetter", summary.GetProperty("direction").GetString());
            Assert.InRange(median, summary.GetProperty("min").GetDouble(), summary.GetProperty("max").GetDouble());
            Assert.InRange(median, summary.GetProperty("medianLower").GetDouble(), summary.GetProperty("medianUpper").GetDouble());
            Assert.True(summary.GetProperty("count").GetInt32() >= 5);
        }

        using var store = ResultStore.Open(Db);
        var stored = store.Load(1);
        Assert.Equal(run.GetProperty("cases")[0].GetProperty("metrics")[0].GetProperty("samples").EnumerateArray().Select(e => e.GetDouble()),
            stored.Cases[0].Metrics[0].Samples);
        Assert.Equal([], Directory.EnumerateFileSystemEntries(Scratch));

        // What bench --json prints moves to another machine as it is.
        string printed = Path.Join(directory, "printed.json");
        File.WriteAllText(printed, result.Output);
        var imported = Aitune.Run("bench", "import", printed, "--db", Path.Join(directory, "other.db"));
        Assert.True(imported.ExitCode == 0, imported.Error);
        using var other = ResultStore.Open(Path.Join(directory, "other.db"));
        Assert.Equal(stored.Cases[1].Metrics[0].Samples, other.Load(1).Cases[1].Metrics[0].Samples);
    }

    [Fact]
    public void The_text_report_shows_each_metric_with_its_interval_and_where_the_run_was_stored()
    {
        var result = Aitune.Run(QuickLoad());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("model-load/read/4k/throughput", result.Output);
        Assert.Contains("model-load/mmap/throughput", result.Output);
        Assert.Contains("GB/s", result.Output);
        Assert.Contains("note model-load: synthetic safetensors model 8.0 MiB in 4 tensors", result.Output);
        Assert.Contains($"stored as run 1 in {Db}", result.Output);
    }

    [Fact]
    public void Hugetlb_asked_for_without_reserved_huge_pages_is_an_error_with_the_line_that_reserves_them()
    {
        if (File.ReadAllText("/proc/sys/vm/nr_hugepages").Trim() != "0")
        {
            // Reserved huge pages make this case measurable: then it must measure.
            Assert.Equal(0, Aitune.Run(QuickLoad("--pages", "hugetlb", "--strategy", "read")).ExitCode);
            return;
        }

        var result = Aitune.Run(["bench", "model-load", "--quick", "--synthetic", "8MiB", "--strategy", "read", "--pages", "hugetlb", "--scratch-dir", Scratch, "--db", Db]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: nothing could be measured: model-load/read/hugetlb: hugetlb: 0 free huge pages of", result.Error);
        Assert.Contains("aitune plan --profile inference-throughput --model-size", result.Error);
        Assert.False(File.Exists(Db));
    }

    [Theory]
    [InlineData("--synthetic", "lots", "--synthetic lots: not a size")]
    [InlineData("--strategy", "read,teleport", "--strategy: unknown value 'teleport'")]
    [InlineData("--pages", "64k", "--pages: unknown value '64k'")]
    [InlineData("--block-size", "1000", "--block-size 1000: must be a multiple of 4 KiB")]
    [InlineData("--scratch-dir", "/nonexistent/dir", "the scratch directory /nonexistent/dir does not exist")]
    [InlineData("--label", "line\nbreak", "the label 'line")]
    public void Bad_options_are_errors_with_a_hint_and_measure_nothing(string option, string value, string message)
    {
        var result = Aitune.Run(["bench", "model-load", "--quick", "--db", Db, option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: " + message, result.Error);
        Assert.Contains("hint: ", result.Error);
    }

    [Theory]
    [InlineData("model-load")]
    [InlineData("memory")]
    [InlineData("scheduler")]
    [InlineData("loopback")]
    [InlineData("disk")]
    [InlineData("all")]
    public void Every_suite_command_reads_its_options_and_checks_the_scratch_directory_before_measuring(string suite)
    {
        var result = Aitune.Run("bench", suite, "--quick", "--db", Db, "--scratch-dir", "/nonexistent/dir");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: the scratch directory /nonexistent/dir does not exist", result.Error.Split('\n')[0]);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void Compare_finds_a_real_shift_slower_and_exits_1_and_finds_no_change_between_equal_runs()
    {
        double[] fast = [10.1, 10.0, 9.9, 10.2, 10.05, 9.95, 10.15, 9.85, 10.0, 10.1];
        using (var store = ResultStore.Open(Db))
        {
            store.Save(BenchmarkRunSamples.Create("before", ("memory", "copy/single", "bandwidth", MetricDirection.HigherIsBetter, fast), ("scheduler", "pipe/pinned", "p50", MetricDirection.LowerIsBetter, fast)));
            store.Save(BenchmarkRunSamples.Create("after", ("memory", "copy/single", "bandwidth", MetricDirection.HigherIsBetter, fast.Select(v => v * 0.8).ToArray()), ("scheduler", "pipe/pinned", "p50", MetricDirection.LowerIsBetter, fast)));
            store.Save(BenchmarkRunSamples.Create("again", ("memory", "copy/single", "bandwidth", MetricDirection.HigherIsBetter, fast.Reverse().ToArray()), ("scheduler", "pipe/pinned", "p50", MetricDirection.LowerIsBetter, fast)));
        }

        var slower = Aitune.Run("bench", "compare", "1", "2", "--db", Db, "--json");
        var same = Aitune.Run("bench", "compare", "1", "3", "--db", Db);

        Assert.Equal(1, slower.ExitCode);
        using var document = JsonDocument.Parse(slower.Output);
        var metrics = document.RootElement.GetProperty("comparison").GetProperty("result").GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal("memory/copy/single/bandwidth", metrics[0].GetProperty("name").GetString());
        Assert.Equal("regressed", metrics[0].GetProperty("verdict").GetString());
        Assert.Equal(0.8, metrics[0].GetProperty("ratio").GetDouble(), 3);
        Assert.Equal("noSignificantChange", metrics[1].GetProperty("verdict").GetString());
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("0 faster, 0 slower, 2 no significant change", same.Output);
    }

    [Fact]
    public void Compare_of_an_unknown_run_or_a_bad_id_is_an_error_with_a_hint()
    {
        using (var store = ResultStore.Open(Db))
        {
            store.Save(BenchmarkRunSamples.Realistic());
        }

        var unknown = Aitune.Run("bench", "compare", "1", "7", "--db", Db);
        var bad = Aitune.Run("bench", "compare", "1", "x;rm", "--db", Db);

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("7", unknown.Error);
        Assert.Contains("hint: ", unknown.Error);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("error: 'x;rm' is not a run id", bad.Error);
    }

    [Fact]
    public void Tune_measures_applies_measures_again_and_leaves_the_host_as_its_decision_says()
    {
        using var host = new ScratchHost();
        var untouched = host.Fingerprint();

        var result = host.Run(["tune", "--profile", "inference-latency", "--bench", "model-load", "--quick", "--synthetic", "8MiB", "--strategy", "read",
            "--pages", "4k", "--scratch-dir", Scratch, "--db", Db, "--json"]);

        Assert.True(result.ExitCode is 0 or 1, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        string decision = root.GetProperty("decision").GetString()!;
        Assert.Equal(1, root.GetProperty("baselineRun").GetInt64());
        Assert.Equal(2, root.GetProperty("candidateRun").GetInt64());
        Assert.Equal("changed", root.GetProperty("apply").GetProperty("outcome").GetString());
        var metric = Assert.Single(root.GetProperty("comparison").GetProperty("result").GetProperty("metrics").EnumerateArray());
        Assert.Equal("model-load/read/4k/throughput", metric.GetProperty("name").GetString());
        if (decision == "kept")
        {
            Assert.Equal(0, result.ExitCode);
            Assert.NotEqual("regressed", metric.GetProperty("verdict").GetString());
            Assert.NotEqual(untouched, host.Fingerprint());
            Assert.Equal(0, host.Run("verify").ExitCode);
        }
        else
        {
            Assert.Equal("rolledBack", decision);
            Assert.Equal(1, result.ExitCode);
            Assert.Equal("regressed", metric.GetProperty("verdict").GetString());
            Assert.Equal(untouched, host.Fingerprint());
        }

        using var store = ResultStore.Open(Db);
        Assert.Equal(["tune inference-latency: after", "tune inference-latency: before"], store.List().Select(r => r.Label));
        // Each run records the profile in force while it was measured.
        Assert.Null(store.Load(1).Environment.AppliedProfile);
        Assert.Equal("inference-latency", store.Load(2).Environment.AppliedProfile);
    }

    [Fact]
    public void Tune_of_a_profile_that_changes_nothing_measures_nothing()
    {
        using var host = new ScratchHost();
        Assert.Equal(0, host.Run("apply", "--profile", "inference-latency").ExitCode);

        var result = host.Run(["tune", "--profile", "inference-latency", "--bench", "model-load", "--quick", "--scratch-dir", Scratch, "--db", Db]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("changes nothing", result.Error);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Ctrl_c_stops_a_run_cleanly_removes_its_files_and_keeps_what_was_measured_as_partial()
    {
        var start = new ProcessStartInfo(Path.Join(AppContext.BaseDirectory, "aitune")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["bench", "model-load", "--synthetic", "64MiB", "--strategy", "read", "--pages", "4k", "--scratch-dir", Scratch, "--db", Db])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Interrupt once the synthetic model exists, so the run is under way; a standard run lasts up to 30 s.
        for (int i = 0; i < 600 && !process.HasExited && !Directory.EnumerateFiles(Scratch, "*.safetensors", SearchOption.AllDirectories).Any(); i++)
        {
            Thread.Sleep(50);
        }

        Thread.Sleep(300);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        string printed = await output;
        string complained = await error;

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("interrupt: stopping after the current repetition", complained);
        Assert.Contains("marked partial", complained);
        Assert.Equal([], Directory.EnumerateFileSystemEntries(Scratch, "*", SearchOption.AllDirectories));
        if (File.Exists(Db))
        {
            using var store = ResultStore.Open(Db);
            var run = store.Load(Assert.Single(store.List()).Id);
            Assert.True(run.Partial);
            Assert.Equal(AiTune.Benchmarks.CaseOutcome.Interrupted, Assert.Single(run.Cases).Outcome);
            Assert.Contains("PARTIAL", printed);
        }
    }
}
