using System.Net.Sockets;
using AiTune.Cli;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Support;

namespace AiTune.IntegrationTests;

/// <summary>`aitune serve` as a user runs it: the binary, scraped by a real Prometheus and by curl-like clients.</summary>
public sealed class ServeCommandTests
{
    private static readonly string Fixture = FixturePaths.Host("xeon-2numa-nvidia");

    private static string[] OnFixture(params string[] args) =>
        ["--root", Fixture, "--db", Path.Join(Path.GetTempPath(), "aitune-serve-never-created.db"), .. args];

    /// <summary>A real Prometheus scrapes `aitune serve` of a host fixture, and a family of each kind comes back with
    /// the values the fixture's files hold (tests/fixtures/hosts/README.md) and the audit's own score.</summary>
    [Fact]
    public void A_real_prometheus_scrapes_aitune_serve_and_each_kind_of_family_holds_the_hosts_values()
    {
        using var serve = ServeProcess.Start(OnFixture());
        using (var prometheus = PrometheusServer.Start("aitune", [serve.Target]))
        {
            prometheus.WaitUntilUp("aitune");

            var buildInfo = Assert.Single(prometheus.Query("aitune_build_info"));
            Assert.Equal(1, buildInfo.Value);
            Assert.Equal(AiTuneCli.Version, buildInfo.Labels["version"]);
            Assert.Equal(serve.Target, buildInfo.Labels["instance"]);

            var kernel = Assert.Single(prometheus.Query("aitune_kernel_info"));
            Assert.Equal("6.8.0-51-generic", kernel.Labels["release"]);
            Assert.Equal(4096, Assert.Single(prometheus.Query("aitune_hugepages_pool_pages{page_size_bytes=\"2097152\",node=\"1\"}")).Value);
            Assert.Equal(8, Assert.Single(prometheus.Query("aitune_hugepages_pool_pages{page_size_bytes=\"1073741824\",node=\"0\"}")).Value);
            Assert.Equal(1, Assert.Single(prometheus.Query("aitune_thp_enabled{mode=\"madvise\"}")).Value);
            var gpu = Assert.Single(prometheus.Query("aitune_accelerator_info"));
            Assert.Equal(("0000:98:00.0", "1"), (gpu.Labels["pci_address"], gpu.Labels["numa_node"]));
            Assert.Contains("H100", gpu.Labels["model"], StringComparison.Ordinal);
            Assert.NotEmpty(prometheus.Query("aitune_pressure_stalled_seconds_total{resource=\"memory\",kind=\"some\"}"));

            using var audit = System.Text.Json.JsonDocument.Parse(Aitune.Run("audit", "--root", Fixture, "--profile", "inference-latency", "--json").Output);
            int score = audit.RootElement.GetProperty("summary").GetProperty("scores").EnumerateArray()
                .Single(p => p.GetProperty("profile").GetString() == "inference-latency").GetProperty("score").GetInt32();
            Assert.Equal(score, Assert.Single(prometheus.Query("aitune_audit_score{profile=\"inference-latency\"}")).Value);
        }

        var (exitCode, _, error) = serve.Terminate();
        Assert.Equal(0, exitCode);
        Assert.Contains("serve: stopped", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_binary_answers_both_formats_and_refuses_a_post()
    {
        using var serve = ServeProcess.Start(OnFixture("--cache-seconds", "5", "--scrape-timeout", "8"));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, serve.MetricsUrl);
        request.Headers.Add("Accept", "application/openmetrics-text; version=1.0.0");
        using var openMetrics = await http.SendAsync(request);
        var text = await http.GetStringAsync(serve.MetricsUrl);
        using var post = await http.PostAsync(serve.MetricsUrl, new StringContent("x"));

        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", openMetrics.Content.Headers.ContentType!.ToString());
        Assert.EndsWith("# EOF\n", await openMetrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"aitune_build_info{{version=\"{AiTuneCli.Version}\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE aitune_thp_events_total counter\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("# EOF", text, StringComparison.Ordinal);
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
