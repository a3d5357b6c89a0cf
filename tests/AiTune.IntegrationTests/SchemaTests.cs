using System.Text.Json;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>The documented JSON schemas and the documents aitune prints must agree: every property a schema
/// requires is present, every enum value printed is allowed, every const holds.</summary>
public class SchemaTests
{
    [Theory]
    [InlineData("audit.schema.json", new[] { "audit", "--json", "--profile", "inference-latency+hardened", "--model-size", "8GiB" })]
    [InlineData("inspect.schema.json", new[] { "inspect", "--json" })]
    public void Output_matches_its_schema_on_every_fixture(string schemaFile, string[] command)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(FixturePaths.Repository("docs/schemas/" + schemaFile)));
        foreach (var fixture in FixturePaths.AllHosts())
        {
            var result = Aitune.Run([.. command, "--root", FixturePaths.Host(fixture)]);
            Assert.Equal(0, result.ExitCode);
            using var document = JsonDocument.Parse(result.Output);
            var problems = new List<string>();
            Validate(schema.RootElement, schema.RootElement, document.RootElement, "$", problems);
            Assert.True(problems.Count == 0, fixture + ": " + string.Join("; ", problems.Take(10)));
        }
    }

    [Theory]
    [InlineData("profileList", new[] { "profile", "list", "--json" })]
    [InlineData("resolvedProfile", new[] { "profile", "show", "inference-latency+hardened", "--model-size", "8GiB", "--json" })]
    [InlineData("resolvedProfile", new[] { "profile", "show", "balanced", "--json" })]
    public void Profile_output_matches_its_schema_on_every_fixture(string definition, string[] command)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(FixturePaths.Repository("docs/schemas/profile.schema.json")));
        var root = schema.RootElement;
        Assert.Contains(root.GetProperty("oneOf").EnumerateArray(), d => d.GetProperty("$ref").GetString() == "#/$defs/" + definition);
        foreach (var fixture in FixturePaths.AllHosts())
        {
            var result = Aitune.Run([.. command, "--root", FixturePaths.Host(fixture)]);
            Assert.Equal(0, result.ExitCode);
            using var document = JsonDocument.Parse(result.Output);
            var problems = new List<string>();
            Validate(root, root.GetProperty("$defs").GetProperty(definition), document.RootElement, "$", problems);
            Assert.True(problems.Count == 0, fixture + ": " + string.Join("; ", problems.Take(10)));
        }
    }

    [Fact]
    public void Snapshot_metadata_matches_its_schema()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(FixturePaths.Repository("docs/schemas/snapshot-metadata.schema.json")));
        using var document = JsonDocument.Parse(File.ReadAllText(FixturePaths.Host("this-vm") + "/aitune-snapshot.json"));
        var problems = new List<string>();
        Validate(schema.RootElement, schema.RootElement, document.RootElement, "$", problems);
        Assert.Empty(problems);
    }

    /// <summary>The subset of JSON Schema the documents use: required, properties, items, enum, const, $ref.</summary>
    private static void Validate(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/$defs/".Length..];
            Validate(root, root.GetProperty("$defs").GetProperty(name), value, path, problems);
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && constant.GetRawText() != value.GetRawText())
        {
            problems.Add($"{path}: expected {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => o.GetRawText() == value.GetRawText()))
        {
            problems.Add($"{path}: {value.GetRawText()} is not one of {options.GetRawText()}");
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("unknown", out _) && value.TryGetProperty("reason", out _))
        {
            return; // an unknown fact stands for any value
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                {
                    if (!value.TryGetProperty(name, out _))
                    {
                        problems.Add($"{path}: missing '{name}'");
                    }
                }
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (value.TryGetProperty(property.Name, out var child))
                    {
                        Validate(root, property.Value, child, path + "." + property.Name, problems);
                    }
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            int index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Validate(root, items, item, $"{path}[{index++}]", problems);
            }
        }
    }
}
