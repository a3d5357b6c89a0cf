using AiTune.Metrics;
using AiTune.Services;
using AiTune.Services.Metrics;
using AiTune.Tests.Metrics;
using AiTune.Tests.Support;

namespace AiTune.Tests.Services.Metrics;

/// <summary>A scrape of `aitune serve` is one collection of `aitune metrics`, in the format asked for.</summary>
public sealed class ServedMetricsTests
{
    private static MetricsRequest Fixture(string name) =>
        MetricsRequest.Default with { Root = FixturePaths.Host(name), Database = Path.Join(Path.GetTempPath(), "aitune-never-created.db") };

    [Fact]
    public async Task A_scrape_is_the_collection_of_aitune_metrics_in_either_format()
    {
        var request = Fixture("xeon-2numa-nvidia");
        var served = ServedMetrics.Start("0.1.0", request, TimeSpan.FromSeconds(6), FixedClock.Default);
        var direct = new HostMetrics("0.1.0", FixedClock.Default).Collect(request);

        var text = await served.ProduceAsync(ExpositionFormat.PrometheusText, CancellationToken.None);
        var open = await served.ProduceAsync(ExpositionFormat.OpenMetrics, CancellationToken.None);

        Assert.Equal(direct.Write(ExpositionFormat.PrometheusText), text);
        Assert.Equal(direct.Write(ExpositionFormat.OpenMetrics), open);
        Assert.Contains("aitune_accelerator_info{", text, StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", open, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_root_or_profile_fails_before_anything_listens()
    {
        Assert.Throws<AiTuneException>(() => ServedMetrics.Start("0.1.0", MetricsRequest.Default with { Root = "/nonexistent/host" }, TimeSpan.FromSeconds(6)));
        var unknown = Assert.Throws<AiTuneException>(() => ServedMetrics.Start("0.1.0", Fixture("xeon-2numa-nvidia") with { Profiles = ["inference-latncy"] }, TimeSpan.FromSeconds(6)));
        Assert.Contains("inference-latncy", unknown.Message, StringComparison.Ordinal);
    }
}
