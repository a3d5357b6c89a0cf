using System.Text.Json;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>The documented JSON schemas (docs/schemas) and the documents aitune prints must agree: every type,
/// required property, enum value and const holds, and no property is printed that a schema does not document.</summary>
public class SchemaTests
{
    /// <summary>A valid status document (nothing applied), which the validator tests below break one way each.</summary>
    private const string NothingApplied = """
        {
          "schemaVersion": 1,
          "stateDirectory": "/var/lib/aitune",
          "phase": "none",
          "profile": null,
          "appliedAt": null,
          "appliedBy": null,
          "kernel": null,
          "rebooted": false,
          "partial": false,
          "pendingReboot": [],
          "persistedFiles": [],
          "passing": 0,
          "drifted": [],
          "recovery": null
        }
        """;

    [Theory]
    [InlineData("audit.schema.json", new[] { "audit", "--json", "--profile", "inference-latency+hardened", "--model-size", "8GiB" })]
    [InlineData("inspect.schema.json", new[] { "inspect", "--json" })]
    public void Output_matches_its_schema_on_every_fixture(string schemaFile, string[] command)
    {
        var schema = DocumentSchema.Load(schemaFile);
        foreach (var fixture in FixturePaths.AllHosts())
        {
            var result = Aitune.Run([.. command, "--root", FixturePaths.Host(fixture)]);
            Assert.Equal(0, result.ExitCode);
            Valid(schema, result.Output, fixture);
        }
    }

    [Theory]
    [InlineData("profileList", new[] { "profile", "list", "--json" })]
    [InlineData("resolvedProfile", new[] { "profile", "show", "inference-latency+hardened", "--model-size", "8GiB", "--json" })]
    [InlineData("resolvedProfile", new[] { "profile", "show", "balanced", "--json" })]
    public void Profile_output_matches_its_schema_on_every_fixture(string definition, string[] command)
    {
        var schema = DocumentSchema.Load("profile.schema.json");
        Assert.Contains(schema.Root.GetProperty("oneOf").EnumerateArray(), d => d.GetProperty("$ref").GetString() == "#/$defs/" + definition);
        foreach (var fixture in FixturePaths.AllHosts())
        {
            var result = Aitune.Run([.. command, "--root", FixturePaths.Host(fixture)]);
            Assert.Equal(0, result.ExitCode);
            Valid(schema, result.Output, fixture);
            Assert.Empty(schema.Problems(result.Output, definition));
        }
    }

    [Fact]
    public void Snapshot_metadata_matches_its_schema()
    {
        var document = File.ReadAllText(FixturePaths.Host("this-vm") + "/aitune-snapshot.json");
        Valid(DocumentSchema.Load("snapshot-metadata.schema.json"), document, "this-vm");
    }

    [Theory]
    [InlineData("inference-latency")]
    [InlineData("inference-throughput")]
    [InlineData("training-throughput")]
    [InlineData("hardened")]
    [InlineData("balanced")]
    [InlineData("inference-latency+hardened", "--model-size", "8GiB")]
    public void Plan_matches_its_schema_for_every_profile_on_every_fixture(string profile, params string[] options)
    {
        var schema = DocumentSchema.Load("plan.schema.json");
        foreach (var fixture in FixturePaths.AllHosts())
        {
            var result = Aitune.Run(["plan", "--json", "--profile", profile, .. options, "--root", FixturePaths.Host(fixture)]);
            Assert.True(result.ExitCode == 0, fixture + ": " + result.Error);
            var plan = Valid(schema, result.Output, fixture);
            Assert.Equal(profile, plan.GetProperty("profile").GetString());
            Assert.NotEqual(0, plan.GetProperty("changes").GetArrayLength());
            Assert.Equal(Ids(plan, "changes", "set"), Ids(plan, "toSet"));
            Assert.Equal(Ids(plan, "changes", "refused"), Ids(plan, "refused"));
            Assert.Equal(Ids(plan, "changes", "pendingReboot"), Ids(plan, "pendingReboot"));
            Assert.Equal(options.Length == 0 ? JsonValueKind.Null : JsonValueKind.Number, plan.GetProperty("modelBytes").ValueKind);
        }
    }

    [Fact]
    public void Apply_verify_status_and_rollback_match_their_schemas()
    {
        using var host = new ScratchHost();
        var applySchema = DocumentSchema.Load("apply.schema.json");
        var verifySchema = DocumentSchema.Load("verify.schema.json");
        var statusSchema = DocumentSchema.Load("status.schema.json");
        var rollbackSchema = DocumentSchema.Load("rollback.schema.json");

        var first = host.Run("apply", "--json", "--profile", "inference-latency", "--persist");
        Assert.True(first.ExitCode == 0, first.Error);
        var apply = Valid(applySchema, first.Output, "apply");
        Assert.Equal("changed", apply.GetProperty("outcome").GetString());
        Assert.Equal(2, apply.GetProperty("schemaVersion").GetInt32());
        Assert.All(apply.GetProperty("changes").EnumerateArray(), c => Assert.Equal("written", c.GetProperty("outcome").GetString()));
        Assert.Contains(apply.GetProperty("changes").EnumerateArray(), c => c.GetProperty("id").GetString() == "sysctl:vm.swappiness");
        Assert.Contains(apply.GetProperty("changes").EnumerateArray(), c => c.GetProperty("id").GetString()!.StartsWith("/etc/sysctl.d/", StringComparison.Ordinal));

        var second = host.Run("apply", "--json", "--profile", "inference-latency", "--persist");
        Assert.Equal(0, second.ExitCode);
        var again = Valid(applySchema, second.Output, "apply again");
        Assert.Equal("alreadyHeld", again.GetProperty("outcome").GetString());
        Assert.Equal(0, again.GetProperty("changes").GetArrayLength());

        var passing = host.Run("verify", "--json");
        Assert.Equal(0, passing.ExitCode);
        Assert.False(Valid(verifySchema, passing.Output, "verify").GetProperty("drift").GetBoolean());

        var applied = host.Run("status", "--json");
        Assert.Equal(0, applied.ExitCode);
        var status = Valid(statusSchema, applied.Output, "status");
        Assert.Equal("applied", status.GetProperty("phase").GetString());
        Assert.Equal("inference-latency", status.GetProperty("profile").GetString());
        Assert.Equal(0, status.GetProperty("drifted").GetArrayLength());

        File.WriteAllText(host.File("/proc/sys/vm/swappiness"), "60\n");
        var drifting = host.Run("verify", "--json");
        Assert.Equal(1, drifting.ExitCode);
        var drift = Valid(verifySchema, drifting.Output, "verify after drift");
        Assert.True(drift.GetProperty("drift").GetBoolean());
        var swappiness = Assert.Single(drift.GetProperty("checks").EnumerateArray(), c => c.GetProperty("status").GetString() == "drifted");
        Assert.Equal("sysctl:vm.swappiness", swappiness.GetProperty("id").GetString());
        Assert.Equal("60", swappiness.GetProperty("current").GetString());
        var driftedStatus = Valid(statusSchema, host.Run("status", "--json").Output, "status after drift");
        Assert.Equal("sysctl:vm.swappiness", Assert.Single(driftedStatus.GetProperty("drifted").EnumerateArray()).GetProperty("id").GetString());

        var rollingBack = host.Run("rollback", "--json");
        Assert.True(rollingBack.ExitCode == 0, rollingBack.Error);
        var rollback = Valid(rollbackSchema, rollingBack.Output, "rollback");
        Assert.False(rollback.GetProperty("nothingToDo").GetBoolean());
        Assert.Contains(rollback.GetProperty("restores").EnumerateArray(), r => r.GetProperty("outcome").GetString() == "restored");
        Assert.StartsWith(host.State, rollback.GetProperty("archivedTo").GetString(), StringComparison.Ordinal);

        var none = Valid(statusSchema, host.Run("status", "--json").Output, "status after rollback");
        Assert.Equal("none", none.GetProperty("phase").GetString());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("profile").ValueKind);

        var idle = Valid(rollbackSchema, host.Run("rollback", "--json").Output, "rollback again");
        Assert.True(idle.GetProperty("nothingToDo").GetBoolean());
        Assert.Equal(JsonValueKind.Null, idle.GetProperty("archivedTo").ValueKind);
    }

    /// <summary>A drive whose kernel offers only bfq and kyber cannot get the profile's "none": the apply fails
    /// and rolls back (exit 2), or with --keep-going keeps the rest (exit 1, partial), and verify and status then
    /// report the knob as not applied.</summary>
    [Fact]
    public void A_failed_and_a_partial_apply_match_the_apply_schema()
    {
        using var host = new ScratchHost();
        File.WriteAllText(host.File("/sys/block/nvme0n1/queue/scheduler"), "[bfq] kyber\n");
        var applySchema = DocumentSchema.Load("apply.schema.json");

        var failing = host.Run("apply", "--json", "--profile", "inference-latency");
        Assert.Equal(2, failing.ExitCode);
        Assert.Contains("the whole apply was rolled back", failing.Error);
        var failed = Valid(applySchema, failing.Output, "failed apply");
        Assert.Equal("rolledBack", failed.GetProperty("outcome").GetString());
        var scheduler = Assert.Single(failed.GetProperty("changes").EnumerateArray(), c => c.GetProperty("outcome").GetString() == "failed");
        Assert.Equal("block.nvme:scheduler@nvme0n1", scheduler.GetProperty("id").GetString());
        Assert.NotEqual(0, failed.GetProperty("restores").GetArrayLength());

        var keepingGoing = host.Run("apply", "--json", "--profile", "inference-latency", "--keep-going");
        Assert.Equal(1, keepingGoing.ExitCode);
        Assert.Equal("partial", Valid(applySchema, keepingGoing.Output, "partial apply").GetProperty("outcome").GetString());

        var verify = host.Run("verify", "--json");
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains(Valid(DocumentSchema.Load("verify.schema.json"), verify.Output, "verify after a partial apply").GetProperty("checks").EnumerateArray(),
            c => c.GetProperty("status").GetString() == "notApplied");
        var status = Valid(DocumentSchema.Load("status.schema.json"), host.Run("status", "--json").Output, "status after a partial apply");
        Assert.True(status.GetProperty("partial").GetBoolean());
        Assert.Equal("notApplied", Assert.Single(status.GetProperty("drifted").EnumerateArray()).GetProperty("status").GetString());
    }

    /// <summary>A profile nothing of which applies to the host: exit 2, every knob's reason in skipped.</summary>
    [Fact]
    public void An_apply_where_nothing_applies_matches_the_apply_schema()
    {
        using var host = new ScratchHost();
        Directory.Delete(host.File("/sys/kernel/mm/hugepages/hugepages-1048576kB"), recursive: true);
        var profile = Path.Join(host.Directory, "gigantic.toml");
        File.WriteAllText(profile, "name = \"gigantic\"\n[hugepages]\n\"1048576kB\" = \">=4\"\n");

        var applying = host.Run("apply", "--json", "--profile-file", profile, "--profile", "gigantic");

        Assert.Equal(2, applying.ExitCode);
        var document = Valid(DocumentSchema.Load("apply.schema.json"), applying.Output, "apply of nothing applicable");
        Assert.Equal("nothingApplicable", document.GetProperty("outcome").GetString());
        var skipped = Assert.Single(document.GetProperty("skipped").EnumerateArray());
        Assert.Equal("hugepages:1048576kB", skipped.GetProperty("id").GetString());
        Assert.Equal("this CPU and kernel offer no 1048576kB huge pages (sizes: 2048kB)", skipped.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, document.GetProperty("journal").ValueKind);
    }

    /// <summary>An apply or rollback killed half way (AITUNE_TEST_KILL_AT_STEP) is finished by the next command,
    /// which reports the recovery.</summary>
    [Fact]
    public void Recovery_reports_match_their_schemas()
    {
        using var host = new ScratchHost();
        string[] apply = ["apply", "--profile", "inference-latency", "--persist", "--root", host.Tree, "--state-dir", host.State];
        Assert.Equal(137, Aitune.RunProcess(5, apply));
        var status = Valid(DocumentSchema.Load("status.schema.json"), host.Run("status", "--json").Output, "status after a killed apply");
        Assert.Equal("applyInterrupted", status.GetProperty("recovery").GetProperty("found").GetString());
        Assert.Equal("none", status.GetProperty("phase").GetString());

        Assert.Equal(137, Aitune.RunProcess(5, apply));
        var applying = host.Run("apply", "--json", "--profile", "inference-latency", "--persist");
        Assert.True(applying.ExitCode == 0, applying.Error);
        var recovered = Valid(DocumentSchema.Load("apply.schema.json"), applying.Output, "apply after a killed apply");
        Assert.Equal("applyInterrupted", recovered.GetProperty("recovery").GetProperty("found").GetString());
        Assert.NotEqual(0, recovered.GetProperty("recovery").GetProperty("restores").GetArrayLength());

        Assert.Equal(137, Aitune.RunProcess(4, "rollback", "--root", host.Tree, "--state-dir", host.State));
        var rollingBack = host.Run("rollback", "--json");
        Assert.True(rollingBack.ExitCode == 0, rollingBack.Error);
        var rollback = Valid(DocumentSchema.Load("rollback.schema.json"), rollingBack.Output, "rollback after a killed rollback");
        Assert.Equal("rollbackInterrupted", rollback.GetProperty("recovery").GetProperty("found").GetString());
    }

    [Theory]
    [InlineData("tiny-llama.gguf", "gguf", "llama")]
    [InlineData("tiny-llama.safetensors", "safetensors", null)]
    public void Model_info_matches_its_schema(string file, string format, string? architecture)
    {
        string path = FixturePaths.File("files/models/" + file);

        var result = Aitune.Run("model", "info", path, "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var model = Valid(DocumentSchema.Load("model-info.schema.json"), result.Output, file).GetProperty("model");
        Assert.Equal(format, model.GetProperty("format").GetString());
        Assert.Equal(path, model.GetProperty("path").GetString());
        Assert.Equal(architecture, model.GetProperty("architecture").GetString());
        Assert.Equal(new FileInfo(path).Length, model.GetProperty("fileSizeBytes").GetInt64());
        var tensors = model.GetProperty("tensors").EnumerateArray().ToList();
        Assert.NotEmpty(tensors);
        Assert.Equal(tensors.Sum(t => t.GetProperty("sizeBytes").GetInt64()), model.GetProperty("totalTensorBytes").GetInt64());
        Assert.All(tensors, t => Assert.InRange(t.GetProperty("offsetBytes").GetInt64(), model.GetProperty("dataOffsetBytes").GetInt64(), new FileInfo(path).Length));
        Assert.NotEmpty(model.GetProperty("metadata").EnumerateObject());
    }

    [Fact]
    public void The_validator_accepts_a_valid_document() =>
        Assert.Empty(DocumentSchema.Load("status.schema.json").Problems(NothingApplied));

    [Theory]
    [InlineData("\"passing\": 0", "\"passing\": \"many\"", "$.passing: \"many\" is not of type integer")]
    [InlineData("\"rebooted\": false", "\"rebooted\": null", "$.rebooted: null is not of type boolean")]
    [InlineData("\"phase\": \"none\",", "", "$: missing 'phase'")]
    [InlineData("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"extra\": true,", "$: 'extra' is not a documented property")]
    [InlineData("\"schemaVersion\": 1", "\"schemaVersion\": 2", "$.schemaVersion: 2 is not the constant 1")]
    [InlineData("\"phase\": \"none\"", "\"phase\": \"sideways\"", "$.phase: \"sideways\" is not one of")]
    [InlineData("\"passing\": 0", "\"passing\": -1", "$.passing: -1 is below the minimum 0")]
    [InlineData("\"passing\": 0", "\"passing\": 1.5", "$.passing: 1.5 is not of type integer")]
    [InlineData("\"pendingReboot\": []", "\"pendingReboot\": [7]", "$.pendingReboot[0]: 7 is not of type string")]
    [InlineData("\"recovery\": null", "\"recovery\": {\"found\": \"applied\"}", "$.recovery: matches none of oneOf")]
    [InlineData("\"drifted\": []",
        "\"drifted\": [{\"id\": \"sysctl:vm.swappiness\", \"path\": null, \"expected\": \"0\", \"current\": \"1\", \"applied\": \"0\", \"status\": \"drifted\", \"detail\": null, \"atBoot\": null, \"overridingFiles\": [], \"who\": \"tuned\"}]",
        "$.drifted[0]: 'who' is not a documented property")]
    public void The_validator_rejects_a_document_that_breaks_the_schema(string valid, string broken, string problem)
    {
        Assert.Contains(valid, NothingApplied, StringComparison.Ordinal);
        var problems = DocumentSchema.Load("status.schema.json").Problems(NothingApplied.Replace(valid, broken, StringComparison.Ordinal));
        Assert.StartsWith(problem, Assert.Single(problems), StringComparison.Ordinal);
    }

    /// <summary>Asserts that <paramref name="json"/> has no problem with the schema, and returns it for the
    /// assertions on its values.</summary>
    internal static JsonElement Valid(DocumentSchema schema, string json, string context)
    {
        var problems = schema.Problems(json);
        Assert.True(problems.Count == 0, $"{context}: {schema.Name}: {string.Join("; ", problems.Take(10))}");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The ids of the changes in <paramref name="list"/>, of those whose action is <paramref name="action"/> if given.</summary>
    private static List<string> Ids(JsonElement plan, string list, string? action = null) =>
        plan.GetProperty(list).EnumerateArray()
            .Where(c => action is null || c.GetProperty("action").GetString() == action)
            .Select(c => c.GetProperty("id").GetString()!)
            .ToList();
}
