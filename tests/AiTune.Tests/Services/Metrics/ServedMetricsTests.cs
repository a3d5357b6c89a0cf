using System.Diagnostics;
using AiTune.Metrics.Http;
using AiTune.Services.Metrics;

namespace AiTune.Tests.Services.Metrics;

public sealed class ServedMetricsTests
{
    [Fact]
    public async Task The_text_format_passes_promtool()
    {
        var body = await new ServedMetrics("0.1.0", null, null).ProduceAsync(ScrapeFormat.PrometheusText, CancellationToken.None);

        Assert.Contains("aitune_build_info{version=\"0.1.0\"} 1\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("# EOF", body, StringComparison.Ordinal);
        var start = new ProcessStartInfo("promtool", ["check", "metrics"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var promtool = Process.Start(start)!;
        await promtool.StandardInput.WriteAsync(body);
        promtool.StandardInput.Close();
        var problems = await promtool.StandardError.ReadToEndAsync() + await promtool.StandardOutput.ReadToEndAsync();
        await promtool.WaitForExitAsync();
        Assert.Equal("", problems);
        Assert.Equal(0, promtool.ExitCode);
    }

    [Fact]
    public async Task OpenMetrics_ends_with_eof_and_a_hostile_version_is_escaped()
    {
        var body = await new ServedMetrics("1.0\"\\\nx", null, null).ProduceAsync(ScrapeFormat.OpenMetrics, CancellationToken.None);

        Assert.Contains("aitune_build_info{version=\"1.0\\\"\\\\\\nx\"} 1\n", body, StringComparison.Ordinal);
        Assert.EndsWith("\n# EOF\n", body, StringComparison.Ordinal);
    }
}
