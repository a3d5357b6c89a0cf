using AiTune.IntegrationTests.Support;

namespace AiTune.IntegrationTests.Contrib;

/// <summary>The dashboard's every query and the rules against a real Prometheus that scrapes a real node_exporter,
/// whose textfile collector reads the sample exposition (as a host where `aitune metrics --textfile` runs).</summary>
public sealed class LivePrometheusTests(SampleScrapedByPrometheus sample) : IClassFixture<SampleScrapedByPrometheus>
{
    private PrometheusAndNodeExporter Servers => sample.Servers;

    [Fact]
    public async Task Every_dashboard_query_returns_data_and_every_rule_is_healthy()
    {
        var check = DashboardCheck.Run("contrib/grafana/aitune-dashboard.json", Servers.PrometheusUrl);

        Assert.True(check.ExitCode == 0, check.All);
        Assert.EndsWith($"(schema, layout, PromQL, run against {Servers.PrometheusUrl} with data)\n", check.Output, StringComparison.Ordinal);

        var rules = PrometheusAndNodeExporter.AllRules(await Servers.GetAsync("/api/v1/rules")).ToList();
        Assert.Equal(14, rules.Count);
        Assert.All(rules, rule => Assert.True(rule.GetProperty("health").GetString() == "ok", rule.ToString()));
        Assert.All(rules.Where(r => r.GetProperty("type").GetString() == "alerting"), alert =>
        {
            Assert.Contains(alert.GetProperty("labels").GetProperty("severity").GetString(), (string[])["info", "warning", "critical"]);
            Assert.NotEqual("", alert.GetProperty("annotations").GetProperty("summary").GetString());
            Assert.NotEqual("", alert.GetProperty("annotations").GetProperty("description").GetString());
        });
    }

    [Fact]
    public async Task Node_exporter_serves_the_sample_and_the_host_variable_finds_it_by_instance()
    {
        var scrapeError = await Servers.QueryAsync("node_textfile_scrape_error");
        Assert.Equal("0", Assert.Single(scrapeError.EnumerateArray()).GetProperty("value")[1].GetString());

        // label_values(aitune_build_info, instance): Prometheus adds instance and job; the textfile adds no label.
        var build = Assert.Single((await Servers.QueryAsync("aitune_build_info")).EnumerateArray());
        var labels = build.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(
            new Dictionary<string, string?> { ["__name__"] = "aitune_build_info", ["instance"] = Servers.NodeExporterInstance, ["job"] = "node", ["version"] = "0.15.0" },
            labels);

        // The drifted knob of the sample: AituneProfileDrifted's expression finds it with the profile's name.
        var drifted = Assert.Single((await Servers.QueryAsync(
            "aitune_tuning_drifted_knobs * ignoring (profile) group_left (profile) aitune_tuning_profile_info > 0")).EnumerateArray());
        Assert.Equal("inference-latency", drifted.GetProperty("metric").GetProperty("profile").GetString());
        Assert.Equal("1", drifted.GetProperty("value")[1].GetString());
    }
}
