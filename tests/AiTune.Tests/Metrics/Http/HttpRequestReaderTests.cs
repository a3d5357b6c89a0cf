using System.Text;
using AiTune.Metrics.Http;
using CsCheck;

namespace AiTune.Tests.Metrics.Http;

public sealed class HttpRequestReaderTests
{
    private static readonly MetricsServerLimits Limits = new();

    [Fact]
    public void Parses_a_prometheus_scrape()
    {
        var head = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:9479\r\nUser-Agent: Prometheus/2.42.0\r\nAccept: application/openmetrics-text;version=1.0.0\r\nAccept: text/plain;q=0.5\r\nX-Prometheus-Scrape-Timeout-Seconds: 10";
        var read = HttpRequestReader.Parse(Encoding.ASCII.GetBytes(head), Limits);

        Assert.Null(read.Rejection);
        Assert.Equal("GET", read.Head!.Method);
        Assert.Equal("/metrics", read.Head.Target);
        Assert.Equal("application/openmetrics-text;version=1.0.0, text/plain;q=0.5", read.Head.Header("accept"));
        Assert.Equal("10", read.Head.Header("X-Prometheus-Scrape-Timeout-Seconds"));
    }

    [Fact]
    public void Accepts_bare_line_feeds()
    {
        var read = HttpRequestReader.Parse(Encoding.ASCII.GetBytes("GET / HTTP/1.1\nHost: x"), Limits);
        Assert.Equal("x", read.Head!.Header("Host"));
    }

    [Fact]
    public void Any_bytes_give_a_head_or_a_4xx_or_5xx_without_throwing() =>
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            var read = HttpRequestReader.Parse(bytes, Limits);
            Assert.True(read.Head is not null || read.Rejection is { Status: >= 400 and < 600 });
        });
}
