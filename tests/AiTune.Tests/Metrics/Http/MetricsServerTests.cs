using System.Net;
using System.Net.Sockets;
using System.Text;
using AiTune.Metrics;
using AiTune.Metrics.Http;

namespace AiTune.Tests.Metrics.Http;

/// <summary>The server on a real loopback socket, with hostile and ordinary clients.</summary>
public sealed class MetricsServerTests
{
    private const string Body = "# HELP test_up A test family.\n# TYPE test_up gauge\ntest_up 1\n";

    private static readonly IPEndPoint AnyLoopbackPort = new(IPAddress.Loopback, 0);

    private static MetricsServer Start(Func<ExpositionFormat, CancellationToken, Task<string>>? produce = null, MetricsServerLimits? limits = null, TextWriter? log = null) =>
        MetricsServer.Start(AnyLoopbackPort, limits ?? new MetricsServerLimits(), produce ?? ((_, _) => Task.FromResult(Body)), log ?? TextWriter.Null);

    private static string Get(string path, string extra = "") => $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}\r\n";

    [Fact]
    public async Task Get_metrics_answers_the_body_in_the_text_format()
    {
        await using var server = Start();
        var response = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"));

        Assert.Equal(200, response.Status);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Header("Content-Type"));
        Assert.Equal(Body, response.Body);
        Assert.Equal(Encoding.UTF8.GetByteCount(Body).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("Content-Length"));
    }

    [Fact]
    public async Task Head_answers_the_headers_of_get_without_a_body()
    {
        await using var server = Start();
        var get = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"));
        var head = await RawHttp.SendAsync(server.LocalEndPoint, "HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Equal(200, head.Status);
        Assert.Equal("", head.Body);
        Assert.Equal(get.Header("Content-Length"), head.Header("Content-Length"));
        Assert.Equal(get.Header("Content-Type"), head.Header("Content-Type"));
    }

    [Theory]
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", "application/openmetrics-text; version=1.0.0; charset=utf-8")]
    [InlineData("text/plain;version=0.0.4;q=0.5,application/openmetrics-text;version=1.0.0", "application/openmetrics-text; version=1.0.0; charset=utf-8")]
    [InlineData("application/openmetrics-text;q=0.3,text/plain;q=0.9", "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData("application/json", "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData("*/*", "text/plain; version=0.0.4; charset=utf-8")]
    public async Task Accept_header_chooses_the_format(string accept, string contentType)
    {
        await using var server = Start((format, _) => Task.FromResult(format == ExpositionFormat.OpenMetrics ? Body + "# EOF\n" : Body));
        var response = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics", $"Accept: {accept}\r\n"));

        Assert.Equal(200, response.Status);
        Assert.Equal(contentType, response.Header("Content-Type"));
        Assert.Equal(contentType.StartsWith("application/openmetrics-text", StringComparison.Ordinal), response.Body.EndsWith("# EOF\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Index_links_metrics_and_healthz_answers_ok()
    {
        await using var server = Start();
        var index = await RawHttp.SendAsync(server.LocalEndPoint, Get("/"));
        var health = await RawHttp.SendAsync(server.LocalEndPoint, Get("/healthz"));

        Assert.Equal(200, index.Status);
        Assert.Equal("text/html; charset=utf-8", index.Header("Content-Type"));
        Assert.Contains("<a href=\"/metrics\">", index.Body, StringComparison.Ordinal);
        Assert.Equal(200, health.Status);
        Assert.Equal("ok\n", health.Body);
    }

    [Theory]
    [InlineData("/nothing")]
    [InlineData("/metrics/")]
    [InlineData("/metricsx")]
    public async Task Unknown_path_is_404(string path)
    {
        await using var server = Start();
        Assert.Equal(404, (await RawHttp.SendAsync(server.LocalEndPoint, Get(path))).Status);
    }

    [Theory]
    [InlineData("/../etc/passwd")]
    [InlineData("/metrics/../metrics")]
    [InlineData("/%2e%2e/etc/passwd")]
    [InlineData("/%2E%2E%2Fetc%2Fpasswd")]
    [InlineData("/..%2f..%2fetc/passwd")]
    [InlineData("/..\\..\\etc\\passwd")]
    [InlineData("/metrics%00")]
    [InlineData("/%zz")]
    [InlineData("metrics")]
    public async Task Traversal_and_malformed_paths_are_400(string path)
    {
        await using var server = Start();
        Assert.Equal(400, (await RawHttp.SendAsync(server.LocalEndPoint, Get(path))).Status);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    public async Task Other_methods_are_405_with_allow(string method)
    {
        await using var server = Start();
        var response = await RawHttp.SendAsync(server.LocalEndPoint, $"{method} /metrics HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.Equal(405, response.Status);
        Assert.Equal("GET, HEAD", response.Header("Allow"));
    }

    [Fact]
    public async Task Post_with_a_body_is_405_and_the_client_reads_the_answer()
    {
        var calls = 0;
        await using var server = Start((_, _) => { Interlocked.Increment(ref calls); return Task.FromResult(Body); });
        var body = new string('x', 100_000);
        var response = await RawHttp.SendAsync(server.LocalEndPoint, $"POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n{body}");

        Assert.Equal(405, response.Status);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Oversized_headers_are_431()
    {
        await using var server = Start(limits: new MetricsServerLimits { MaxHeadBytes = 4096 });
        var response = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics", $"X-Big: {new string('a', 5000)}\r\n"));

        Assert.Equal(431, response.Status);
    }

    [Fact]
    public async Task Too_many_headers_are_431()
    {
        await using var server = Start(limits: new MetricsServerLimits { MaxHeaderCount = 10 });
        var headers = string.Concat(Enumerable.Range(0, 11).Select(i => $"X-H{i}: {i}\r\n"));
        var response = await RawHttp.SendAsync(server.LocalEndPoint, $"GET /metrics HTTP/1.1\r\n{headers}\r\n");

        Assert.Equal(431, response.Status);
    }

    [Fact]
    public async Task A_request_line_past_its_bound_is_414()
    {
        await using var server = Start(limits: new MetricsServerLimits { MaxRequestLineBytes = 100 });
        var response = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics?" + new string('a', 200)));

        Assert.Equal(414, response.Status);
    }

    [Fact]
    public async Task A_request_line_that_never_ends_is_414_before_the_head_bound()
    {
        await using var server = Start(limits: new MetricsServerLimits { MaxRequestLineBytes = 100 });
        // No newline at all, and the connection stays open: the server answers from the bound alone.
        using var client = await RawHttp.ConnectAsync(server.LocalEndPoint);
        await client.SendAsync(Encoding.ASCII.GetBytes("GET /" + new string('a', 300)), SocketFlags.None);

        Assert.Equal(414, (await RawHttp.ReadResponseAsync(client)).Status);
    }

    [Theory]
    [InlineData("GET /metrics\r\n\r\n")]
    [InlineData("GET  /metrics HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /metrics HTTP/1.1\r\n\r\n")]
    [InlineData("GET /metrics HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n")]
    [InlineData("GET /metrics HTTP/1.1\r\nHost : x\r\n\r\n")]
    [InlineData("GET /metrics HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n")]
    [InlineData("GET /metrics HTTP/1.1\r\nHost: x\rX-A: 1\r\n\r\n")]
    [InlineData("\r\n\r\n")]
    public async Task Malformed_requests_are_400(string request)
    {
        await using var server = Start();
        Assert.Equal(400, (await RawHttp.SendAsync(server.LocalEndPoint, request)).Status);
    }

    [Fact]
    public async Task Http_1_0_without_host_is_served_and_http_2_is_505()
    {
        await using var server = Start();
        Assert.Equal(200, (await RawHttp.SendAsync(server.LocalEndPoint, "GET /metrics HTTP/1.0\r\n\r\n")).Status);
        Assert.Equal(505, (await RawHttp.SendAsync(server.LocalEndPoint, "GET /metrics HTTP/2.0\r\nHost: x\r\n\r\n")).Status);
    }

    [Fact]
    public async Task Slowloris_gets_408_and_is_closed()
    {
        await using var server = Start(limits: new MetricsServerLimits { HeaderTimeout = TimeSpan.FromMilliseconds(300) });
        using var client = await RawHttp.ConnectAsync(server.LocalEndPoint);
        await client.SendAsync(Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: "), SocketFlags.None);

        // The headers never end; the server answers on its own (RawHttp reads to the end of the connection).
        var response = await RawHttp.ReadResponseAsync(client);
        Assert.Equal(408, response.Status);
    }

    [Fact]
    public async Task A_good_client_is_served_while_slowloris_clients_hold_connections()
    {
        await using var server = Start(limits: new MetricsServerLimits { HeaderTimeout = TimeSpan.FromMinutes(5), MaxConnections = 8 });
        var slow = new List<Socket>();
        try
        {
            for (int i = 0; i < 4; i++)
            {
                var client = await RawHttp.ConnectAsync(server.LocalEndPoint);
                await client.SendAsync(Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nHo"), SocketFlags.None);
                slow.Add(client);
            }

            var response = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"));
            Assert.Equal(200, response.Status);
            Assert.Equal(Body, response.Body);
        }
        finally
        {
            slow.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Connections_past_the_limit_get_503_at_once_and_the_server_recovers()
    {
        await using var server = Start(limits: new MetricsServerLimits { HeaderTimeout = TimeSpan.FromMinutes(5), MaxConnections = 2 });
        var held = new List<Socket>();
        for (int i = 0; i < 2; i++)
        {
            var client = await RawHttp.ConnectAsync(server.LocalEndPoint);
            await client.SendAsync(Encoding.ASCII.GetBytes("GET"), SocketFlags.None);
            held.Add(client);
        }

        // The server takes the two slots only once it accepts them; poll until a third is refused.
        RawResponse refused;
        do
        {
            refused = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"));
        }
        while (refused.Status == 200);
        Assert.Equal(503, refused.Status);

        held.ForEach(s => s.Dispose());
        RawResponse served;
        do
        {
            served = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"));
        }
        while (served.Status == 503);
        Assert.Equal(200, served.Status);
    }

    [Fact]
    public async Task Concurrent_scrapes_share_one_collection()
    {
        var producer = new GatedProducer();
        await using var server = Start(producer.ProduceAsync, new MetricsServerLimits { ScrapeTimeout = TimeSpan.FromMinutes(5) });
        var first = RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"));
        await producer.Started;
        var more = Enumerable.Range(0, 7).Select(_ => RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"))).ToList();
        // Every scrape has joined the collection once the server counts it waiting; the gate opens only then, so a
        // second collection could only come from a scrape that did not share.
        while (server.ScrapesWaiting < 8)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, producer.Calls);
        producer.Open();

        var responses = await Task.WhenAll(more.Prepend(first));
        Assert.All(responses, r => Assert.Equal(200, r.Status));
        Assert.Equal(1, producer.Calls);
        Assert.All(responses, r => Assert.Equal("# TYPE test_calls gauge\ntest_calls 1\n", r.Body));
    }

    [Fact]
    public async Task Without_a_cache_a_scrape_after_the_last_collection_collects_anew()
    {
        int calls = 0;
        await using var server = Start((_, _) => Task.FromResult($"test_calls {Interlocked.Increment(ref calls)}\n"));
        Assert.Equal("test_calls 1\n", (await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"))).Body);
        Assert.Equal("test_calls 2\n", (await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"))).Body);
    }

    [Fact]
    public async Task With_a_cache_a_scrape_gets_the_last_collection_again()
    {
        int calls = 0;
        await using var server = Start((_, _) => Task.FromResult($"test_calls {Interlocked.Increment(ref calls)}\n"), new MetricsServerLimits { CacheDuration = TimeSpan.FromHours(1) });
        Assert.Equal("test_calls 1\n", (await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"))).Body);
        Assert.Equal("test_calls 1\n", (await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"))).Body);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_slow_collection_answers_503_and_is_not_started_again_while_it_runs()
    {
        var producer = new GatedProducer();
        await using var server = Start(producer.ProduceAsync, new MetricsServerLimits { ScrapeTimeout = TimeSpan.FromMilliseconds(200) });

        var first = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"));
        var second = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"));
        Assert.Equal(503, first.Status);
        Assert.Contains("scrape timeout", first.Body, StringComparison.Ordinal);
        Assert.Equal(503, second.Status);
        Assert.Equal(1, producer.Calls);

        producer.Open();
        // The collection finishes in the background; a later scrape gets a body (the first collection's, or a new
        // one's if it finished before this scrape arrived).
        RawResponse after;
        do
        {
            after = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"));
        }
        while (after.Status == 503);
        Assert.Equal(200, after.Status);
        Assert.StartsWith("# TYPE test_calls gauge", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scrapers_own_timeout_shortens_the_wait()
    {
        var producer = new GatedProducer();
        await using var server = Start(producer.ProduceAsync, new MetricsServerLimits { ScrapeTimeout = TimeSpan.FromMinutes(5) });
        var response = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics", "X-Prometheus-Scrape-Timeout-Seconds: 0.6\r\n"));
        producer.Open();

        Assert.Equal(503, response.Status);
        Assert.Contains("(0.1 s)", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throwing_producer_answers_500_in_one_plain_line_and_the_next_scrape_succeeds()
    {
        int calls = 0;
        var log = new StringWriter();
        await using var server = Start((_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("the collector broke")
            : Task.FromResult(Body), log: log);

        var failed = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"));
        var next = await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"));

        Assert.Equal(500, failed.Status);
        Assert.Equal("the collection failed; the server's log (stderr) says why\n", failed.Body);
        Assert.Equal(200, next.Status);
        Assert.Equal(Body, next.Body);
        Assert.Contains("serve: the collection failed: InvalidOperationException: the collector broke", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_asynchronously_faulting_producer_answers_500()
    {
        await using var server = Start(async (_, _) =>
        {
            await Task.Yield();
            throw new IOException("/proc went away");
        });

        Assert.Equal(500, (await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"))).Status);
        Assert.Equal(200, (await RawHttp.SendAsync(server.LocalEndPoint, Get("/healthz"))).Status);
    }

    [Fact]
    public async Task A_client_that_closes_at_once_does_not_stop_the_server()
    {
        await using var server = Start();
        for (int i = 0; i < 20; i++)
        {
            using var client = await RawHttp.ConnectAsync(server.LocalEndPoint);
            if (i % 2 == 0)
            {
                await client.SendAsync(Encoding.ASCII.GetBytes("GET /met"), SocketFlags.None);
            }

            client.Close();
        }

        Assert.Equal(200, (await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"))).Status);
    }

    [Fact]
    public async Task Stop_ends_a_scrape_that_waits_and_closes_the_listener()
    {
        var producer = new GatedProducer();
        var server = Start(producer.ProduceAsync, new MetricsServerLimits { ScrapeTimeout = TimeSpan.FromMinutes(5) });
        var waiting = RawHttp.ConnectAsync(server.LocalEndPoint);
        using var client = await waiting;
        await client.SendAsync(Encoding.ASCII.GetBytes(Get("/metrics")), SocketFlags.None);
        await producer.Started;

        await server.StopAsync();

        // The scrape is closed without an answer, and nobody listens any more.
        var buffer = new byte[16];
        Assert.Equal(0, await client.ReceiveAsync(buffer, SocketFlags.None));
        var refused = await Assert.ThrowsAsync<SocketException>(async () => await RawHttp.ConnectAsync(server.LocalEndPoint));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task An_address_in_use_is_a_user_error()
    {
        await using var first = Start();
        var error = Assert.Throws<AiTuneException>(() => MetricsServer.Start(first.LocalEndPoint, new MetricsServerLimits(), (_, _) => Task.FromResult(""), TextWriter.Null));

        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
        Assert.Contains("--listen", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ipv6_loopback_is_served()
    {
        if (!Socket.OSSupportsIPv6)
        {
            throw new InvalidOperationException("this test needs IPv6 on the loopback interface");
        }

        await using var server = MetricsServer.Start(new IPEndPoint(IPAddress.IPv6Loopback, 0), new MetricsServerLimits(), (_, _) => Task.FromResult(Body), TextWriter.Null);
        Assert.StartsWith("http://[::1]:", server.MetricsUrl.ToString(), StringComparison.Ordinal);
        Assert.Equal(200, (await RawHttp.SendAsync(server.LocalEndPoint, Get("/metrics"))).Status);
    }
}
