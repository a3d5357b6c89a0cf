using System.Text.Json;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>A host without block devices (a netbooted compute node, or a tree without /sys/block) plans and
/// audits; its drive knobs are skipped with the reason "no block devices".</summary>
public class DisklessNodeTests
{
    public static TheoryData<string> SelectableProfiles() => new("balanced", "hardened", "inference-latency", "inference-throughput", "training-throughput");

    [Theory]
    [MemberData(nameof(SelectableProfiles))]
    public void Plan_skips_every_drive_knob_because_there_is_no_block_device(string profile)
    {
        var result = Aitune.Run("plan", "--root", FixturePaths.Host("diskless-node"), "--profile", profile, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        using var plan = JsonDocument.Parse(result.Output);
        var block = plan.RootElement.GetProperty("changes").EnumerateArray()
            .Where(c => c.GetProperty("id").GetString()!.StartsWith("block.", StringComparison.Ordinal)).ToList();
        Assert.All(block, change =>
        {
            Assert.Equal("skip", change.GetProperty("action").GetString());
            Assert.StartsWith("no block devices (", change.GetProperty("reason").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Plan_names_the_reason_in_text_too()
    {
        var result = Aitune.Run("plan", "--root", FixturePaths.Host("diskless-node"), "--profile", "inference-throughput");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("no block devices", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a subject", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("balanced")]
    [InlineData("inference-latency")]
    [InlineData("inference-throughput")]
    [InlineData("training-throughput")]
    public void Audit_finds_every_storage_rule_not_applicable_for_want_of_block_devices(string profile)
    {
        var result = Aitune.Run("audit", "--root", FixturePaths.Host("diskless-node"), "--profile", profile, "--json");
        Assert.True(result.ExitCode is 0 or 1, result.Error);
        using var audit = JsonDocument.Parse(result.Output);
        var storage = audit.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("category").GetString() == "storage").ToList();
        Assert.NotEmpty(storage);
        Assert.All(storage, finding =>
        {
            Assert.Equal("notApplicable", finding.GetProperty("status").GetString());
            Assert.StartsWith("no block devices (/sys/block does not exist)", finding.GetProperty("note").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_tree_whose_sys_block_was_removed_plans_like_the_diskless_node()
    {
        using var host = new ScratchHost("xeon-2numa-nvidia");
        Directory.Delete(host.File("/sys/block"), recursive: true);
        var result = host.Read("plan", "--profile", "inference-throughput", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        using var plan = JsonDocument.Parse(result.Output);
        var nvme = plan.RootElement.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "block.nvme:scheduler");
        Assert.Equal(("skip", "no block devices (/sys/block does not exist)"), (nvme.GetProperty("action").GetString(), nvme.GetProperty("reason").GetString()));
    }
}
