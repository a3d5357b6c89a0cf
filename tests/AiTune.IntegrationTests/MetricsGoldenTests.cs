using AiTune.IntegrationTests.Support;
using AiTune.Metrics;
using AiTune.Services;
using AiTune.Services.Metrics;
using AiTune.Tests.Metrics;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>
/// The exposition of every host fixture, compared exactly with tests/fixtures/expected/hosts/FIXTURE/metrics.prom
/// (node_exporter's end-to-end test does the same with its fixtures): collected with a clock that does not move, so the
/// durations are 0 and the audit timestamps one fixed moment, and the fixture's absolute path written back as the
/// repository-relative one. AITUNE_UPDATE_GOLDEN=1 rewrites them.
/// </summary>
public class MetricsGoldenTests
{
    public static TheoryData<string> Fixtures() => new(FixturePaths.AllHosts());

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_exposes_its_golden_metrics(string fixture)
    {
        var request = MetricsRequest.Default with { Root = FixturePaths.Host(fixture) };
        var text = new HostMetrics("0.1.0", FixedClock.Default).Collect(request).Write(ExpositionFormat.PrometheusText);

        GoldenFile.Check($"hosts/{fixture}/metrics.prom", text.Replace(GoldenFile.RepositoryRoot + "/", "", StringComparison.Ordinal));
    }

    [Fact]
    public void The_golden_audit_scores_are_the_audit_command_s()
    {
        // The audit collector and `aitune audit` judge with the same engine: the score of each profile agrees.
        var fixture = FixturePaths.Host("xeon-2numa-nvidia");
        var collected = new HostMetrics("0.1.0", FixedClock.Default).Collect(MetricsRequest.Default with { Root = fixture });
        var scores = collected.Families.Single(f => f.Name == "aitune_audit_score").Samples;
        foreach (var sample in scores)
        {
            var profile = sample.Labels.Single(l => l.Name == "profile").Value;
            var audit = Aitune.Run("audit", "--root", fixture, "--profile", profile, "--json");
            using var json = System.Text.Json.JsonDocument.Parse(audit.Output);
            var score = json.RootElement.GetProperty("summary").GetProperty("scores").EnumerateArray()
                .Single(s => s.GetProperty("profile").GetString() == profile).GetProperty("score").GetInt32();
            Assert.Equal(score, sample.Value);
        }

        Assert.Equal(5, scores.Count);
    }

    [Fact]
    public void Naming_profiles_narrows_the_audit_families_to_them()
    {
        var request = MetricsRequest.Default with { Root = FixturePaths.Host("xeon-2numa-nvidia"), Profiles = ["hardened", "inference-latency+hardened"] };
        var collected = new HostMetrics("0.1.0", FixedClock.Default).Collect(request);

        Assert.Equal(["hardened", "inference-latency+hardened"],
            collected.Families.Single(f => f.Name == "aitune_audit_score").Samples.Select(s => s.Labels.Single().Value));
        Assert.Equal(2 * 5 * 5, collected.Families.Single(f => f.Name == "aitune_audit_findings").Samples.Count);
        Assert.Equal(FixedClock.Default.GetUtcNow().ToUnixTimeSeconds(),
            collected.Families.Single(f => f.Name == "aitune_audit_timestamp_seconds").Samples[0].Value);
    }
}
