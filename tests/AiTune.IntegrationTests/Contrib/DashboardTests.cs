using AiTune.IntegrationTests.Support;

namespace AiTune.IntegrationTests.Contrib;

/// <summary>The shipped Grafana dashboard against Grafana's published schema, the layout rules and PromQL's grammar
/// (tools/dashboard/check-dashboard.mjs, offline); LivePrometheusTests runs its queries against a real Prometheus.</summary>
public class DashboardTests
{
    private const string Shipped = "contrib/grafana/aitune-dashboard.json";
    private const string Bad = "tests/fixtures/dashboards/bad-dashboard.json";

    [Fact]
    public void The_shipped_dashboard_passes_the_schema_layout_and_PromQL_checks()
    {
        var result = DashboardCheck.Run(Shipped);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.StartsWith($"ok {Shipped}: ", result.Output, StringComparison.Ordinal);
        Assert.Contains(" (schema, layout, PromQL)\n", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void A_bad_dashboard_fails_with_each_problem_named()
    {
        var result = DashboardCheck.Run(Bad);

        Assert.Equal(1, result.ExitCode);
        var failures = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(failures, line => Assert.StartsWith($"FAIL {Bad}: ", line, StringComparison.Ordinal));
        Assert.Collection(
            failures.Select(line => line[$"FAIL {Bad}: ".Length..]),
            wrongType => Assert.StartsWith("schema: line 4:3: Type 'string' is not assignable to type 'number'. [\"schemaVersion\": \"39\",] (TS2322)", wrongType, StringComparison.Ordinal),
            unknownKey => Assert.StartsWith("schema: line 14:56: Object literal may only specify known properties, and '\"descripton\"' does not exist in type ", unknownKey, StringComparison.Ordinal),
            duplicate => Assert.Equal("panel 1 \"Drifted knobs: duplicate id, overlaps Audit score\": duplicate panel id 1 (also panel 1 \"Audit score\")", duplicate),
            overlap => Assert.Equal("panel 1 \"Audit score\" overlaps panel 1 \"Drifted knobs: duplicate id, overlaps Audit score\"", overlap),
            syntax => Assert.Equal("panel 3 \"THP fallbacks: PromQL syntax error\"/A: PromQL syntax error at 77: sum(rate(aitune_thp_events_total{instance=~\".*\", event=\"fault_fallback\"}[1m]) ⟨here⟩ ", syntax));
    }

    [Fact]
    public void Every_aitune_family_the_dashboard_reads_is_in_the_sample_exposition()
    {
        string dashboard = File.ReadAllText(Path.Join(GoldenFile.RepositoryRoot, Shipped));
        var families = ContribFamilies.Declared(File.ReadAllText(ContribFamilies.SamplePath));

        var used = ContribFamilies.Referenced(dashboard);

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(families));
    }
}
