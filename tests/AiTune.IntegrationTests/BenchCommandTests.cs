using System.Diagnostics;
using System.Text.Json;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Store;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Benchmarks;
using AiTune.Tests.Support;

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
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
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
        // Each metric on a line under its case, so the table fits 80 columns.
        Assert.Matches(@"\nmodel-load/read/4k\n  throughput GB/s +[0-9.]+ +[0-9.]+–[0-9.]+ +[0-9.]+% +[0-9.]+ +[0-9]+( +wide)?\n", result.Output);
        Assert.Matches(@"\nmodel-load/mmap\n  throughput GB/s +[0-9.]+", result.Output);
        Assert.Matches(@"host load: other processes [0-9.]+% of the CPU time \(busiest stretch [0-9.]+%\), stolen [0-9.]+%", result.Output);
        Assert.All(result.Output.Split('\n'), line => Assert.True(line.Length <= 80 || !line.Contains("GB/s", StringComparison.Ordinal), line));
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

    [Fact]
    public void A_model_without_tensor_data_is_shown_by_model_info_and_refused_by_the_load_benchmark_before_measuring()
    {
        // A valid safetensors file: an 8-byte header length, then a JSON header with metadata and no tensors.
        var header = "{\"__metadata__\":{\"format\":\"pt\"}}"u8.ToArray();
        var model = Path.Join(directory, "empty.safetensors");
        File.WriteAllBytes(model, [.. BitConverter.GetBytes((long)header.Length), .. header]);

        var info = Aitune.Run("model", "info", model);
        var load = Aitune.Run("bench", "model-load", "--quick", "--model", model, "--scratch-dir", Scratch, "--db", Db);

        Assert.Equal(0, info.ExitCode);
        Assert.Contains("0 tensors, 0 B of tensor data", info.Output);
        Assert.Equal(2, load.ExitCode);
        Assert.Equal($"error: the model {model} has no tensor data (0 tensors, 0 bytes): there is nothing to load", load.Error.Split('\n')[0]);
        Assert.DoesNotContain("internal error", load.Error);
        Assert.False(File.Exists(Db));
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
            foreach (var (label, factor) in new[] { ("before", 1.0), ("after", 0.8), ("again", 1.0) })
            {
                for (int i = 1; i <= 5; i++)
                {
                    double jitter = 1 + 0.001 * (label == "again" ? 6 - i : i);
                    store.Save(BenchmarkRunSamples.Create($"{label} {i}",
                        ("memory", "copy/single", "bandwidth", MetricDirection.HigherIsBetter, fast.Select(v => v * factor * jitter).ToArray()),
                        ("scheduler", "pipe/pinned", "p50", MetricDirection.LowerIsBetter, fast.Select(v => v * jitter).ToArray())));
                }
            }
        }

        var slower = Aitune.Run("bench", "compare", "1,2,3,4,5", "6,7,8,9,10", "--db", Db, "--json");
        var same = Aitune.Run("bench", "compare", "1,2,3,4,5", "11,12,13,14,15", "--db", Db);
        var oneEach = Aitune.Run("bench", "compare", "1", "6", "--db", Db);

        Assert.Equal(1, slower.ExitCode);
        using var document = JsonDocument.Parse(slower.Output);
        var metrics = document.RootElement.GetProperty("comparison").GetProperty("result").GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal("memory/copy/single/bandwidth", metrics[0].GetProperty("name").GetString());
        Assert.Equal("regressed", metrics[0].GetProperty("verdict").GetString());
        Assert.Equal(0.8, metrics[0].GetProperty("ratio").GetDouble(), 3);
        Assert.Equal("noSignificantChange", metrics[1].GetProperty("verdict").GetString());
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("0 faster, 0 slower, 2 no significant change", same.Output);
        // One run against one never gets a verdict, however far apart: it says how many runs it takes.
        Assert.Equal(0, oneEach.ExitCode);
        Assert.Contains("2 undecidable", oneEach.Output);
        Assert.Contains("measure at least 5 runs a side", oneEach.Output);
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
    public void Tune_measures_this_host_only()
    {
        using var host = new ScratchHost();

        var result = host.Run(["tune", "--profile", "inference-latency", "--bench", "model-load", "--quick", "--scratch-dir", Scratch, "--db", Db]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: tune measures the host it runs on, so it cannot tune --root {host.Tree}", result.Error.Split('\n')[0]);
        Assert.Contains("aitune plan --root", result.Error);
        Assert.False(File.Exists(Db));
        Assert.False(Directory.Exists(host.State));
    }

    /// <summary>The closed loop on this machine with a profile that changes one sysctl no benchmark depends on
    /// (kernel.printk_ratelimit_burst): an A/A loop. Two runs a side cannot show a change, so it is rolled back as
    /// "no evidence", or kept with --keep; either way every run is stored with the profile in force when it ran, the
    /// document matches its schema, and the host ends as the decision says.</summary>
    [Fact]
    public void Tune_interleaves_runs_without_and_with_the_profile_and_leaves_the_host_as_its_decision_says()
    {
        const string Key = "/proc/sys/kernel/printk_ratelimit_burst";
        var original = File.ReadAllText(Key).Trim();
        var target = original == "11" ? "12" : "11";
        var profile = Path.Join(directory, "aa.toml");
        File.WriteAllText(profile, $"name = \"aa\"\n[sysctl]\n\"kernel.printk_ratelimit_burst\" = \"{target}\"\n");
        var state = Path.Join(directory, "state");
        string[] loop = ["tune", "--profile-file", profile, "--profile", "aa", "--bench", "model-load", "--quick", "--synthetic", "8MiB", "--strategy", "read",
            "--pages", "4k", "--rounds", "2", "--allow-busy", "--scratch-dir", Scratch, "--db", Db, "--state-dir", state];

        if (!LiveWrites.Allowed)
        {
            // Never write this machine's kernel without the variable; as another user tune refuses before measuring.
            if (!Tuning.Writing.DurableFiles.IsRoot)
            {
                var refused = Aitune.Run(loop);
                Assert.Equal(2, refused.ExitCode);
                Assert.Contains("needs root", refused.Error);
            }

            Assert.Matches($@"set +sysctl:kernel\.printk_ratelimit_burst +{original} +{target}", Aitune.Run("plan", "--profile-file", profile, "--profile", "aa", "--no-color").Output);
            return;
        }

        try
        {
            var result = Aitune.Run([.. loop, "--json"]);

            Assert.True(result.ExitCode == 1, result.Output + result.Error);
            var root = SchemaTests.Valid(DocumentSchema.Load("tune.schema.json"), result.Output, "tune");
            Assert.Equal(("rolledBack", "completed", 2, 4), (root.GetProperty("decision").GetString(), root.GetProperty("stop").GetString(),
                root.GetProperty("runsPerSide").GetInt32(), root.GetProperty("runsPerSideNeeded").GetInt32()));
            Assert.Equal([1L, 4L], root.GetProperty("baselineRuns").EnumerateArray().Select(e => e.GetInt64()));
            Assert.Equal([2L, 3L], root.GetProperty("candidateRuns").EnumerateArray().Select(e => e.GetInt64()));
            var metric = Assert.Single(root.GetProperty("comparison").GetProperty("result").GetProperty("metrics").EnumerateArray());
            Assert.Equal(("model-load/read/4k/throughput", "undecidable"), (metric.GetProperty("name").GetString(), metric.GetProperty("verdict").GetString()));
            Assert.Contains(root.GetProperty("apply").GetProperty("changes").EnumerateArray(), c => c.GetProperty("id").GetString() == "sysctl:kernel.printk_ratelimit_burst");
            Assert.Equal("changed", root.GetProperty("apply").GetProperty("outcome").GetString());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("rollback").ValueKind); // ABBA ends without the profile
            Assert.Equal(original, File.ReadAllText(Key).Trim());
            using (var store = ResultStore.Open(Db))
            {
                var runs = Enumerable.Range(1, 4).Select(id => store.Load(id)).ToList();
                Assert.Equal(["tune aa: baseline 1/2", "tune aa: candidate 1/2", "tune aa: candidate 2/2", "tune aa: baseline 2/2"], runs.Select(r => r.Label));
                Assert.Equal([null, "aa", "aa", null], runs.Select(r => r.Environment.AppliedProfile));
                Assert.All(runs, r => Assert.NotNull(r.Load));
            }

            var kept = Aitune.Run([.. loop, "--keep", "--no-color"]);

            Assert.True(kept.ExitCode == 0, kept.Output + kept.Error);
            Assert.Contains("kept aa (--keep) although no metric could show a change with 2 run(s) against 2 (at least 4 a side are needed)", kept.Output);
            Assert.Contains("2 runs a side cannot show a change in 1 metric(s): at least 4 are needed", kept.Output);
            Assert.Equal(target, File.ReadAllText(Key).Trim());
            Assert.Equal(0, Aitune.Run("verify", "--state-dir", state).ExitCode);
            Assert.Equal(0, Aitune.Run("rollback", "--state-dir", state).ExitCode);
            Assert.Equal(original, File.ReadAllText(Key).Trim());
        }
        finally
        {
            Aitune.Run("rollback", "--state-dir", state);
            File.WriteAllText(Key, original);
        }
    }

    [Fact]
    public void Tune_of_a_profile_that_changes_nothing_measures_nothing()
    {
        var profile = Path.Join(directory, "same.toml");
        File.WriteAllText(profile, $"name = \"same\"\n[sysctl]\n\"kernel.printk_ratelimit_burst\" = \"{File.ReadAllText("/proc/sys/kernel/printk_ratelimit_burst").Trim()}\"\n");
        var result = Aitune.Run(["tune", "--profile-file", profile, "--profile", "same", "--bench", "model-load", "--quick", "--scratch-dir", Scratch, "--db", Db,
            "--state-dir", Path.Join(directory, "state")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Tuning.Writing.DurableFiles.IsRoot ? "changes nothing" : "needs root", result.Error);
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
