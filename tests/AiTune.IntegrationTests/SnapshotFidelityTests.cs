using System.Text.Json;
using System.Text.Json.Nodes;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>A snapshot of a host tree must hold everything the tree's own inspection and audit use: for every
/// fixture (new ones are covered by being there) and every selectable profile, the audit of the snapshot equals
/// the audit of the tree, finding by finding, and so do the inspected facts.</summary>
public sealed class SnapshotFidelityTests : IDisposable
{
    private static readonly string[] Profiles = ["balanced", "hardened", "inference-latency", "inference-throughput", "training-throughput"];

    private readonly string directory = Directory.CreateTempSubdirectory("aitune-snapshot-fidelity-").FullName;

    public static TheoryData<string> Fixtures() => new(FixturePaths.AllHosts());

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Auditing_the_snapshot_of_a_tree_gives_the_trees_findings_and_facts(string fixture)
    {
        var tree = FixturePaths.Host(fixture);
        var archive = Path.Join(directory, fixture + ".tar.gz");
        var captured = Aitune.Run("snapshot", "--root", tree, "-o", archive);
        Assert.True(captured.ExitCode == 0, captured.Error);

        foreach (var profile in Profiles)
        {
            var onTree = Findings(tree, profile);
            var onSnapshot = Findings(archive, profile);
            Assert.NotEmpty(onTree);
            Assert.Equal(onTree, onSnapshot);
        }

        Assert.Equal(Facts(tree), Facts(archive));
    }

    /// <summary>"ID status current" per finding, in report order.</summary>
    private static List<string> Findings(string root, string profile)
    {
        var result = Aitune.Run("audit", "--root", root, "--profile", profile, "--json");
        Assert.True(result.ExitCode is 0 or 1, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("id").GetString()} {f.GetProperty("status").GetString()} {f.GetProperty("current")}")
            .ToList();
    }

    /// <summary>The inspected facts without their source (a tree and an archive are described differently).</summary>
    private static string Facts(string root)
    {
        var result = Aitune.Run("inspect", "--root", root, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var facts = JsonNode.Parse(result.Output)!["facts"]!.AsObject();
        facts.Remove("source");
        return facts.ToJsonString();
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
