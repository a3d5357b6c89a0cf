using System.Net.Sockets;
using AiTune.Cli;
using AiTune.IntegrationTests.Support;

namespace AiTune.IntegrationTests;

/// <summary>`aitune serve` as a user runs it: the binary, scraped by a real Prometheus and by curl-like clients.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void A_real_prometheus_scrapes_aitune_serve()
    {
        using var serve = ServeProcess.Start();
        using (var prometheus = PrometheusServer.Start("aitune", [serve.Target]))
        {
            prometheus.WaitUntilUp("aitune");

            var buildInfo = prometheus.Query("aitune_build_info");
            var series = Assert.Single(buildInfo);
            Assert.Equal(1, series.Value);
            Assert.Equal(AiTuneCli.Version, series.Labels["version"]);
            Assert.Equal(serve.Target, series.Labels["instance"]);
            // Prometheus 2.42 asks for OpenMetrics first: the scrape above read that format (its # EOF included).
            Assert.Equal(1, Assert.Single(prometheus.Query("scrape_samples_scraped{job=\"aitune\"}")).Value);
        }

        var (exitCode, _, error) = serve.Terminate();
        Assert.Equal(0, exitCode);
        Assert.Contains("serve: stopped", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_binary_answers_both_formats_and_refuses_a_post()
    {
        using var serve = ServeProcess.Start("--cache-seconds", "5", "--scrape-timeout", "2");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, serve.MetricsUrl);
        request.Headers.Add("Accept", "application/openmetrics-text; version=1.0.0");
        using var openMetrics = await http.SendAsync(request);
        var text = await http.GetStringAsync(serve.MetricsUrl);
        using var post = await http.PostAsync(serve.MetricsUrl, new StringContent("x"));

        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", openMetrics.Content.Headers.ContentType!.ToString());
        Assert.EndsWith("# EOF\n", await openMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal($"# HELP aitune_build_info A metric with a constant '1' value labelled by the version of aitune.\n# TYPE aitune_build_info gauge\naitune_build_info{{version=\"{AiTuneCli.Version}\"}} 1\n", text);
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(0, serve.Terminate().ExitCode);
    }

    [Theory]
    [InlineData("0.0.0.0:9479")]
    [InlineData("[::]:9479")]
    public void A_remote_address_needs_allow_remote(string address)
    {
        var result = Aitune.Run("serve", "--listen", address);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: --listen {address}: not a loopback address, and the endpoint has no authentication\nhint: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_in_use_is_error_and_hint_with_exit_2()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        taken.Listen();
        var address = taken.LocalEndPoint!.ToString()!;

        var result = Aitune.Run("serve", "--listen", address);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: cannot listen on {address}: the address is already in use\nhint: another aitune serve or exporter listens there: stop it, or choose another port with --listen\n", result.Error);
    }

    [Theory]
    [InlineData("--listen", "127.0.0.1:99999", "error: --listen 127.0.0.1:99999: not an address and port")]
    [InlineData("--cache-seconds", "-1", "error: --cache-seconds -1: give a number of seconds from 0 up to 86400")]
    [InlineData("--scrape-timeout", "0", "error: --scrape-timeout 0: give a number of seconds above 0 up to 86400")]
    [InlineData("--json", null, "error: serve has no json output")]
    public void Bad_options_are_error_and_hint_with_exit_2(string option, string? value, string message)
    {
        var result = Aitune.Run(value is null ? ["serve", option] : ["serve", option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message + "\nhint: ", result.Error, StringComparison.Ordinal);
    }
}
