using System.Text.Json;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

public class CliTests
{
    public static TheoryData<string> Fixtures() => new(FixturePaths.AllHosts());

    [Theory]
    [InlineData("apply", "--profile")]
    [InlineData("plan", "--profile")]
    [InlineData("tune", "--bench")]
    [InlineData("bench model-load", "--synthetic")]
    [InlineData("model synthetic", "--size")]
    public void Help_answers_even_for_commands_with_required_options(string command, string listedOption)
    {
        var result = Aitune.Run([.. command.Split(' '), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Contains("Usage:", result.Output);
        Assert.Contains(listedOption, result.Output);
    }

    [Theory]
    [InlineData("error: --rounds: 'abc' is not a whole number", "tune", "--profile", "balanced", "--bench", "memory", "--rounds", "abc")]
    [InlineData("error: --alpha: 'zz' is not a number", "bench", "compare", "1", "2", "--alpha", "zz")]
    [InlineData("error: show: 'x' is not a whole number", "bench", "show", "x")]
    public void A_value_of_the_wrong_kind_is_named_in_plain_words_not_as_a_dotnet_type(string expected, params string[] args)
    {
        var result = Aitune.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Error.Split('\n')[0]);
        Assert.DoesNotContain("System.", result.Error);
    }

    [Fact]
    public void The_version_is_the_release_and_the_commit_it_was_built_from()
    {
        var result = Aitune.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Matches(@"^0\.\d+\.\d+(\+[0-9a-f]{40})?\n$", result.Output);
        Assert.StartsWith(AiTune.Cli.AiTuneCli.Version, result.Output);
    }

    [Theory]
    [InlineData("--version", "audit")]
    [InlineData("--version", "--json")]
    [InlineData("--no-color", "--version")]
    public void The_version_refuses_other_arguments_rather_than_running_nothing_with_success(params string[] args)
    {
        var result = Aitune.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal("error: --version takes no other arguments", result.Error.Split('\n')[0]);
    }

    [Fact]
    public void The_tools_help_lists_every_command_and_a_missing_or_mistyped_one_is_an_error()
    {
        var help = Aitune.Run("--help");
        var commands = help.Output[help.Output.IndexOf("Commands:", StringComparison.Ordinal)..];
        foreach (var name in new[] { "inspect", "audit", "snapshot", "rules", "profile", "plan", "apply", "verify", "rollback", "status", "tune", "bench", "model", "metrics" })
        {
            Assert.Matches($@"\n  {name} ", commands);
        }

        var missing = Aitune.Run("--debug");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("error: Required command was not provided.", missing.Error.Split('\n')[0]);

        var mistyped = Aitune.Run("audti");
        Assert.Equal(2, mistyped.ExitCode);
        Assert.Contains("'audti'", mistyped.Error);
    }

    [Fact]
    public void A_suites_help_ends_with_how_it_measures()
    {
        var result = Aitune.Run("bench", "scheduler", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("How it measures:", result.Output);
        Assert.Contains("futex", result.Output[result.Output.IndexOf("How it measures:", StringComparison.Ordinal)..]);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Audit_json_has_the_documented_shape_on_every_fixture(string fixture)
    {
        var result = Aitune.Run("audit", "--root", FixturePaths.Host(fixture), "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("inference-throughput", root.GetProperty("profile").GetString());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.True(findings.Count >= 30);
        foreach (var finding in findings)
        {
            foreach (var key in new[] { "id", "title", "category", "severity", "status", "current", "expected", "why", "fix" })
            {
                Assert.True(finding.TryGetProperty(key, out _), $"finding lacks {key}");
            }

            Assert.Contains(finding.GetProperty("status").GetString(), new[] { "pass", "warn", "fail", "notApplicable", "unknown" });
        }

        var scores = root.GetProperty("summary").GetProperty("scores").EnumerateArray().Select(s => s.GetProperty("profile").GetString()).ToList();
        Assert.Equal(["balanced", "hardened", "inference-latency", "inference-throughput", "training-throughput"], scores);
    }

    [Fact]
    public void Human_output_groups_by_category_ends_with_a_verdict_and_has_no_colour_in_a_pipe()
    {
        var result = Aitune.Run("audit", "--root", FixturePaths.Host("xeon-2numa-nvidia"), "--profile", "inference-latency");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("\u001b[", result.Output);
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.StartsWith("verdict: inference-latency: ", lines[^1]);
        Assert.True(result.Output.IndexOf("\nkernel\n", StringComparison.Ordinal) < result.Output.IndexOf("\nmemory\n", StringComparison.Ordinal));
        Assert.Contains("  FAIL MEM001 high The huge page pool holds what the configuration asks for", result.Output);
        Assert.Contains("fix now:  cpupower frequency-set -g performance", result.Output);
    }

    [Fact]
    public void Fail_on_exits_1_when_a_failure_reaches_the_threshold()
    {
        Assert.Equal(1, Aitune.Run("audit", "--root", FixturePaths.Host("xeon-2numa-nvidia"), "--profile", "inference-latency", "--fail-on", "high", "--json").ExitCode);
        Assert.Equal(0, Aitune.Run("audit", "--root", FixturePaths.Host("xeon-2numa-nvidia"), "--profile", "inference-latency", "--fail-on", "critical", "--json").ExitCode);
    }

    [Fact]
    public void Markdown_output_is_a_table_per_category()
    {
        var result = Aitune.Run("audit", "--root", FixturePaths.Host("kvm-hardened"), "--format", "md", "--profile", "hardened");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("# aitune audit: hardened", result.Output);
        Assert.Contains("## security", result.Output);
        Assert.Contains("| status | id | severity | finding | current | expected | fix |", result.Output);
    }

    [Theory]
    [InlineData(new[] { "audit", "--root", "/nonexistent/host" }, "does not exist")]
    [InlineData(new[] { "audit", "--profile", "gaming" }, "unknown profile 'gaming'")]
    [InlineData(new[] { "audit", "--model-size", "lots" }, "is not a size")]
    [InlineData(new[] { "audit", "--model", "/nonexistent/model.gguf" }, "model.gguf")]
    [InlineData(new[] { "audit", "--no-such-option" }, "--no-such-option")]
    [InlineData(new[] { "audit", "--format", "xml" }, "xml")]
    [InlineData(new[] { "snapshot", "-o", "/nonexistent/dir/x.tar.gz" }, "does not exist")]
    public void Bad_input_gets_error_and_hint_lines_and_exit_2(string[] args, string message)
    {
        var result = Aitune.Run(args);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.TrimEnd().Split('\n');
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(message, result.Error);
        Assert.StartsWith("hint: ", lines[^1]);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_directory_that_is_not_a_host_tree_and_a_file_that_is_not_an_archive_are_refused()
    {
        var dir = Directory.CreateTempSubdirectory("aitune-cli-").FullName;
        try
        {
            var notTree = Aitune.Run("audit", "--root", dir);
            Assert.Equal(2, notTree.ExitCode);
            Assert.Contains("is not a host tree", notTree.Error);

            var junk = Path.Combine(dir, "junk.tar.gz");
            File.WriteAllText(junk, "not an archive");
            var notArchive = Aitune.Run("inspect", "--root", junk);
            Assert.Equal(2, notArchive.ExitCode);
            Assert.Contains("not a gzip file", notArchive.Error);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_hostile_model_header_is_a_clear_error()
    {
        var dir = Directory.CreateTempSubdirectory("aitune-cli-").FullName;
        try
        {
            var model = Path.Combine(dir, "evil.safetensors");
            var bytes = new byte[16];
            BitConverter.GetBytes(long.MaxValue).CopyTo(bytes, 0);
            File.WriteAllBytes(model, bytes);

            var result = Aitune.Run("audit", "--root", FixturePaths.Host("kvm-hardened"), "--model", model);

            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith("error: ", result.Error);
            Assert.Contains("evil.safetensors", result.Error);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_real_model_file_sizes_the_memory_rules()
    {
        var dir = Directory.CreateTempSubdirectory("aitune-cli-").FullName;
        try
        {
            var model = Path.Combine(dir, "m.gguf");
            AiTune.Models.SyntheticModelWriter.Write(model, AiTune.Models.ModelFormat.Gguf, 4L << 20);
            var tensorBytes = AiTune.Models.ModelFileReader.Read(model).TotalTensorBytes;

            var result = Aitune.Run("audit", "--root", FixturePaths.Host("kvm-hardened"), "--model", model, "--json");

            Assert.Equal(0, result.ExitCode);
            using var document = JsonDocument.Parse(result.Output);
            Assert.Equal(tensorBytes, document.RootElement.GetProperty("model").GetProperty("tensorBytes").GetInt64());
            var fits = document.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "MEM014");
            Assert.Equal("pass", fits.GetProperty("status").GetString());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Inspect_json_writes_every_fact_family_and_unknowns_with_reasons(string fixture)
    {
        var result = Aitune.Run("inspect", "--root", FixturePaths.Host(fixture), "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var facts = document.RootElement.GetProperty("facts");
        Assert.Equal(["source", "kernel", "memory", "cpu", "storage", "network", "rdma", "accelerators", "displayAdapters", "iommu", "cgroups", "security", "virtualization", "sysctls", "coexistence"],
            facts.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, facts.GetProperty("kernel").GetProperty("release").ValueKind);
        Assert.DoesNotContain("not implemented", result.Output);
    }

    [Fact]
    public void Inspect_text_is_an_outline_of_the_same_facts()
    {
        var result = Aitune.Run("inspect", "--root", FixturePaths.Host("epyc-amdgpu-rt-cgv1"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\nkernel\n  release: 6.1.0-28-rt-amd64\n", result.Output);
        Assert.Contains("thp: unknown (", result.Output);
    }

    [Fact]
    public void Auditing_a_snapshot_gives_the_same_findings_as_auditing_the_live_host()
    {
        var dir = Directory.CreateTempSubdirectory("aitune-cli-").FullName;
        try
        {
            var archive = Path.Combine(dir, "host.tar.gz");
            var snapshot = Aitune.Run("snapshot", "-o", archive);
            Assert.Equal(0, snapshot.ExitCode);

            foreach (var profile in new[] { "inference-latency+hardened", "training-throughput" })
            {
                var live = Aitune.Run("audit", "--profile", profile, "--json");
                var captured = Aitune.Run("audit", "--profile", profile, "--json", "--root", archive);
                Assert.Equal(0, captured.ExitCode);
                Assert.Equal(Findings(live.Output), Findings(captured.Output));
            }

            var names = ListArchive(archive);
            Assert.Contains("aitune-snapshot.json", names);
            Assert.Contains("proc/meminfo", names);
            Assert.DoesNotContain(names, n => n.StartsWith("etc/", StringComparison.Ordinal) && !AiTune.Snapshots.SnapshotPolicy.IsAllowed("/" + n));
            Assert.DoesNotContain(names, n => n.EndsWith("/environ", StringComparison.Ordinal) || n.EndsWith("/cmdline", StringComparison.Ordinal) && n != "proc/cmdline");
            Assert.DoesNotContain(names, n => n.Contains("hostname", StringComparison.Ordinal) || n.Contains("shadow", StringComparison.Ordinal) || n.Contains("passwd", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, true);
        }

        static string Findings(string json)
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("findings").GetRawText();
        }
    }

    [Fact]
    public void The_rule_catalogue_in_docs_is_generated_from_the_code()
    {
        var result = Aitune.Run("rules", "--format", "md");

        Assert.Equal(0, result.ExitCode);
        var documented = File.ReadAllText(FixturePaths.Repository("docs/rules.md"));
        Assert.True(documented == result.Output, "docs/rules.md is stale: regenerate it with `dotnet run --project src/AiTune.Cli -- rules --format md > docs/rules.md`");
    }

    private static List<string> ListArchive(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var tar = new System.Formats.Tar.TarReader(gzip);
        var names = new List<string>();
        while (tar.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    /// <summary>JSON keeps "&gt;=" and apostrophes readable (no HTML escaping), and still escapes a control
    /// character a host file smuggles into a value, so the document cannot carry a terminal escape.</summary>
    [Fact]
    public void Json_output_is_readable_and_escapes_control_characters()
    {
        using var host = new ScratchHost();
        File.WriteAllText(host.File("/proc/sys/vm/swappiness"), "\u001b[31m60\n");
        var plan = Aitune.Run("plan", "--profile", "inference-latency", "--root", host.Tree, "--json");
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("\"expected\": \">= 262144\"", plan.Output);
        Assert.Contains("mmap'd", plan.Output);
        Assert.DoesNotContain("\\u003E", plan.Output);
        Assert.DoesNotContain('\u001b', plan.Output);
        Assert.Contains("\\u001B[31m60", plan.Output);
    }

    /// <summary>A host value holding a terminal escape (a snapshot from elsewhere can hold anything) is shown
    /// escaped in the text output of plan and audit, never passed to the terminal.</summary>
    [Fact]
    public void Text_output_escapes_control_characters_from_host_values()
    {
        using var host = new ScratchHost();
        File.WriteAllText(host.File("/proc/sys/vm/swappiness"), "\u001b[31m60\u202e\n");
        foreach (var command in new[] { "plan", "audit" })
        {
            var result = Aitune.Run(command, "--profile", "inference-latency", "--root", host.Tree, "--no-color");
            Assert.True(result.ExitCode is 0 or 1, result.Error);
            Assert.Contains("\\x1b[31m60<U+202E>", result.Output);
            Assert.DoesNotContain('\u001b', result.Output);
            Assert.DoesNotContain('\u202e', result.Output);
        }
    }
}
