using System.Globalization;
using System.Text.RegularExpressions;
using AiTune.Benchmarks.Store;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Benchmarks;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>
/// Text output a person reads: at 80 columns every line fits and no value (a knob id, a number, a path) is split;
/// unwrapped (a pipe) no line ends in blanks. The 80-column audit, plan and verify are golden files
/// (tests/fixtures/expected), compared exactly; AITUNE_UPDATE_GOLDEN=1 rewrites them, so a change of output is a
/// reviewed diff. The binary runs as a child process with COLUMNS=80, the way a user forces a width.
/// </summary>
public sealed partial class RenderingTests : IDisposable
{
    private const string Fixture = "tests/fixtures/hosts/xeon-2numa-nvidia";

    private readonly string directory = Directory.CreateTempSubdirectory("aitune-render-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string RepositoryRoot => Path.GetFullPath(FixturePaths.Repository("."));

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ by \S+")]
    private static partial Regex AppliedAtBy();

    [GeneratedRegex(@"\d{8}T\d{9}Z")]
    private static partial Regex JournalTime();

    /// <summary>The binary in the repository root, at the width given (null: unwrapped, as in a pipe).</summary>
    private static Aitune.Result At(int? columns, params string[] args) =>
        Aitune.Process([.. args, "--no-color"], new Dictionary<string, string?> { ["COLUMNS"] = columns?.ToString(CultureInfo.InvariantCulture), ["NO_COLOR"] = null },
            RepositoryRoot);

    [Fact]
    public void The_audit_at_80_columns_is_the_golden_file()
    {
        var audit = At(80, "audit", "--root", Fixture, "--profile", "inference-latency");

        Assert.True(audit.ExitCode == 0, audit.Error);
        Golden("audit-xeon-2numa-nvidia.80.txt", audit.Output);
    }

    /// <summary>The real-server fixtures: a BMC server with no GPU, a Gaudi2 host, an Intel NPU client, a diskless
    /// compute node (training and inference profiles as each would run).</summary>
    [Theory]
    [InlineData("xeon-bmc-ast", "inference-latency")]
    [InlineData("gaudi2-habana", "training-throughput")]
    [InlineData("npu-meteorlake", "inference-latency")]
    [InlineData("diskless-node", "inference-throughput")]
    public void The_audit_of_each_real_server_fixture_at_80_columns_is_its_golden_file(string fixture, string profile)
    {
        var audit = At(80, "audit", "--root", "tests/fixtures/hosts/" + fixture, "--profile", profile);

        Assert.True(audit.ExitCode == 0, audit.Error);
        Golden($"audit-{fixture}.80.txt", audit.Output);
    }

    [Fact]
    public void The_plan_at_80_columns_is_the_golden_file()
    {
        var plan = At(80, "plan", "--root", Fixture, "--profile", "inference-latency");

        Assert.True(plan.ExitCode == 0, plan.Error);
        Golden("plan-xeon-2numa-nvidia.80.txt", plan.Output);
    }

    /// <summary>Applied with persistence, one value changed behind aitune's back: verify at 80 columns. The time of
    /// the apply and the user who made it are the only parts that vary, and are replaced.</summary>
    [Fact]
    public void Verify_with_drift_at_80_columns_is_the_golden_file()
    {
        using var host = new ScratchHost();
        Assert.Equal(0, host.Run("apply", "--profile", "inference-latency", "--persist").ExitCode);
        File.WriteAllText(host.File("/proc/sys/vm/swappiness"), "33\n");

        var verify = At(80, "verify", "--root", host.Tree, "--state-dir", host.State);

        Assert.True(verify.ExitCode == 1, verify.Error);
        Golden("verify-xeon-2numa-nvidia.80.txt", AppliedAtBy().Replace(verify.Output, "<time> by <user>"));
    }

    /// <summary>A results database of fixed runs: 1 realistic (skipped, wide and interrupted cases, notes, a busy
    /// host); 2–6 a baseline and 7–11 a candidate on another kernel, 20 % slower on bandwidth, run 9 taken on a busy
    /// host. Compare's bootstrap has a fixed seed, so its text is fixed too.</summary>
    private string SeededResults()
    {
        string db = Path.Join(directory, "golden.db");
        double[] fast = [10.1, 10.0, 9.9, 10.2, 10.05, 9.95, 10.15, 9.85, 10.0, 10.1];
        var quiet = new AiTune.Benchmarks.Load.RunLoad(0.012, 0.02, "memory/copy/single", 0, 0.48, new(3.1, 0), new(0, 0), new(0.4, 0.1), 1.05);
        var busy = quiet with { OtherCpuShare = 0.31, PeakOtherCpuShare = 0.43, PeakCases = "memory/copy/single", LoadAverage = 3.2 };
        using var store = ResultStore.Open(db);
        var realistic = BenchmarkRunSamples.Realistic();
        store.Save(realistic with { Load = busy, Cases = realistic.Cases.Select(c => c with { Parameters = new Dictionary<string, string> { ["mode"] = "standard" } }).ToList() });
        for (int i = 1; i <= 10; i++)
        {
            double jitter = 1 + 0.001 * ((i * 7) % 10);
            var run = BenchmarkRunSamples.Create(i <= 5 ? $"before {i}" : $"after {i - 5}",
                ("memory", "copy/single", "bandwidth", AiTune.Benchmarks.Statistics.MetricDirection.HigherIsBetter, fast.Select(v => v * jitter * (i <= 5 ? 1 : 0.8)).ToArray()),
                ("memory", "fault/thp", "fault-cost", AiTune.Benchmarks.Statistics.MetricDirection.LowerIsBetter, fast.Select(v => v * 21 * jitter).ToArray()),
                ("scheduler", "futex/unpinned", "p50", AiTune.Benchmarks.Statistics.MetricDirection.LowerIsBetter, fast.Select(v => v * 0.35 * jitter).ToArray()));
            store.Save(run with
            {
                Uid = null,
                Environment = i <= 5 ? run.Environment : BenchmarkRunSamples.Environment(kernel: "6.12.9-generic"),
                Load = i == 8 ? busy : quiet,
                Cases = run.Cases.Select(c => c with { Parameters = new Dictionary<string, string> { ["threads"] = "1", ["mode"] = "standard" } }).ToList(),
            });
        }

        return db;
    }

    [Fact]
    public void A_stored_run_at_80_columns_is_the_golden_file()
    {
        string db = SeededResults();

        var narrow = At(80, "bench", "show", "1", "--db", db);
        var wide = At(null, "bench", "show", "1", "--db", db);

        Assert.True(narrow.ExitCode == 0, narrow.Error);
        FitsWithoutSplitting(narrow.Output, wide.Output);
        Golden("bench-show.80.txt", narrow.Output);
        FitsWithoutSplitting(At(80, "bench", "history", "--db", db).Output, At(null, "bench", "history", "--db", db).Output);
    }

    [Fact]
    public void Compares_at_80_columns_are_the_golden_files()
    {
        string db = SeededResults();
        string[] sets = ["bench", "compare", "2,3,4,5,6", "7,8,9,10,11", "--db", db];
        string[] single = ["bench", "compare", "2", "7", "--db", db];

        var narrowSets = At(80, sets);
        var narrowSingle = At(80, single);

        Assert.True(narrowSets.ExitCode == 1, narrowSets.Error);
        Assert.True(narrowSingle.ExitCode == 0, narrowSingle.Error);
        FitsWithoutSplitting(narrowSets.Output, At(null, sets).Output);
        FitsWithoutSplitting(narrowSingle.Output, At(null, single).Output);
        Golden("compare-sets.80.txt", narrowSets.Output);
        Golden("compare-one-run-each.80.txt", narrowSingle.Output);

        // Narrower still, each metric's values go under its name rather than being cut.
        var sixty = At(60, sets);
        FitsWithoutSplitting(sixty.Output, At(null, sets).Output, 60);
        Assert.Contains("memory/copy/single\n  bandwidth GB/s\n      10.1 → 8.06", sixty.Output);
    }

    public static TheoryData<string[]> FixtureCommands => new()
    {
        { new[] { "audit", "--root", Fixture, "--profile", "inference-latency" } },
        { new[] { "audit", "--root", Fixture, "--profile", "hardened+inference-throughput", "--model-size", "400GiB" } },
        { new[] { "plan", "--root", Fixture, "--profile", "inference-latency" } },
        { new[] { "plan", "--root", "tests/fixtures/hosts/epyc-amdgpu-rt-cgv1", "--profile", "training-throughput", "--model-size", "70GiB" } },
        { new[] { "inspect", "--root", Fixture } },
        { new[] { "inspect", "--root", "tests/fixtures/hosts/gaudi2-habana" } },
        { new[] { "inspect", "--root", "tests/fixtures/hosts/npu-meteorlake" } },
        { new[] { "audit", "--root", "tests/fixtures/hosts/xeon-bmc-ast", "--profile", "inference-latency" } },
        { new[] { "profile", "list" } },
        { new[] { "profile", "show", "inference-latency", "--root", Fixture } },
        { new[] { "rules" } },
        { new[] { "model", "info", "tests/fixtures/files/models/tiny-llama.gguf", "--all" } },
        { new[] { "model", "info", "tests/fixtures/files/models/tiny-llama.safetensors" } },
    };

    /// <summary>At 80 columns no line is wider, and every word is one the unwrapped output has: a value split in two
    /// would leave pieces that are not.</summary>
    [Theory]
    [MemberData(nameof(FixtureCommands))]
    public void At_80_columns_every_line_fits_and_no_value_is_split(string[] command)
    {
        var narrow = At(80, command);
        var wide = At(null, command);

        Assert.True(narrow.ExitCode == 0, narrow.Error);
        FitsWithoutSplitting(narrow.Output, wide.Output);
    }

    /// <summary>The same for the tuning transaction on two scratch copies of one host: apply, verify with drift,
    /// status, rollback. The state directory is short, as /var/lib/aitune is, so its paths fit a line.</summary>
    [Fact]
    public void The_tuning_transaction_at_80_columns_fits_and_splits_no_value()
    {
        var outputs = new[] { 80, (int?)null }.Select(columns =>
        {
            using var host = new ScratchHost();
            string state = Directory.CreateTempSubdirectory("at").FullName;
            try
            {
                string[] On(params string[] args) => [.. args, "--root", host.Tree, "--state-dir", state];
                var steps = new List<Aitune.Result> { At(columns, On("apply", "--profile", "inference-latency", "--persist")) };
                File.WriteAllText(host.File("/proc/sys/vm/swappiness"), "33\n");
                steps.Add(At(columns, On("verify")));
                steps.Add(At(columns, On("status")));
                steps.Add(At(columns, On("rollback")));
                Assert.Equal([0, 1, 0, 0], steps.Select(s => s.ExitCode));
                string text = string.Concat(steps.Select(s => s.Output)).Replace(host.Directory, "<host>", StringComparison.Ordinal).Replace(state, "<state>", StringComparison.Ordinal);
                return JournalTime().Replace(AppliedAtBy().Replace(text, "<time> by <user>"), "<time>");
            }
            finally
            {
                Directory.Delete(state, recursive: true);
            }
        }).ToList();

        FitsWithoutSplitting(outputs[0], outputs[1]);
    }

    /// <summary>Piped, no line of any text command ends in blanks (Spectre pads table cells to their width).</summary>
    [Fact]
    public void Piped_text_output_has_no_trailing_blanks()
    {
        string model = Path.Join(directory, "model.gguf");
        AiTune.Models.SyntheticModelWriter.Write(model, AiTune.Models.ModelFormat.Gguf, 1 << 20);
        string db = Path.Join(directory, "results.db");
        using (var store = ResultStore.Open(db))
        {
            store.Save(BenchmarkRunSamples.Realistic());
            store.Save(BenchmarkRunSamples.Realistic("again"));
        }

        string root = FixturePaths.Host("xeon-2numa-nvidia");
        var outputs = new List<(string Command, string Text)>();
        foreach (var command in new[]
        {
            ["audit", "--root", root, "--profile", "inference-latency"],
            ["audit", "--root", root, "--format", "md"],
            ["plan", "--root", root, "--profile", "inference-latency"],
            ["inspect", "--root", root],
            ["profile", "list"],
            ["profile", "show", "inference-latency", "--root", root],
            ["rules"],
            ["model", "info", model],
            ["bench", "history", "--db", db],
            ["bench", "compare", "1", "2", "--db", db],
            new[] { "snapshot", "--root", root, "-o", Path.Join(directory, "host.tar.gz") },
        })
        {
            var result = Aitune.Run(command);
            Assert.True(result.ExitCode is 0 or 1, $"{string.Join(' ', command)}: {result.Error}");
            outputs.Add((string.Join(' ', command.Take(2)), result.Output + result.Error));
        }

        using var host = new ScratchHost();
        foreach (var command in new[] { new[] { "apply", "--profile", "inference-latency", "--persist" }, ["verify"], ["status"], ["rollback"] })
        {
            var result = host.Run(command);
            Assert.True(result.ExitCode == 0, $"{command[0]}: {result.Error}");
            outputs.Add((command[0], result.Output + result.Error));
        }

        foreach (var (command, text) in outputs)
        {
            Assert.NotEmpty(text);
            var padded = text.Split('\n').Where(line => line.EndsWith(' ') || line.EndsWith('\t')).ToList();
            Assert.True(padded.Count == 0, $"{command}: {padded.Count} line(s) end in blanks, the first: '{padded.FirstOrDefault()}'");
        }
    }

    private static void FitsWithoutSplitting(string narrow, string wide, int columns = 80)
    {
        Assert.NotEmpty(narrow);
        var tooWide = narrow.Split('\n').Where(line => Columns(line) > columns).ToList();
        Assert.True(tooWide.Count == 0, $"{tooWide.Count} line(s) wider than {columns} columns, the first: '{tooWide.FirstOrDefault()}'");
        var words = Words(wide);
        var pieces = Words(narrow).Where(word => !words.Contains(word)).ToList();
        Assert.True(pieces.Count == 0, "split or unknown words at 80 columns: " + string.Join(", ", pieces.Take(10)));
    }

    /// <summary>Words, with a label's colon dropped (a table header "current" is the label "current:" when the rows
    /// become blocks) and the table's rule left out.</summary>
    private static HashSet<string> Words(string text) =>
        text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.TrimEnd(':'))
            .Where(word => word.Length > 0 && word.Any(c => c != '─'))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Terminal columns: aitune writes no wide (CJK) characters of its own, so one per character.</summary>
    private static int Columns(string line) => line.EnumerateRunes().Count();

    private static void Golden(string name, string actual)
    {
        string path = Path.Join(RepositoryRoot, "tests", "fixtures", "expected", name);
        if (Environment.GetEnvironmentVariable("AITUNE_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{path} does not exist: run the tests with AITUNE_UPDATE_GOLDEN=1 to write it, and review it");
        string expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            int first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
            Assert.Fail($"{name} differs from the output at line {first + 1}:\n" +
                $"expected: {expectedLines.ElementAtOrDefault(first)}\nactual:   {actualLines.ElementAtOrDefault(first)}\n" +
                "if the change is meant, rerun with AITUNE_UPDATE_GOLDEN=1 and review the diff");
        }
    }
}
