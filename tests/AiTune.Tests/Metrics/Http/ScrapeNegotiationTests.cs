using AiTune.Metrics;
using AiTune.Metrics.Http;
using CsCheck;

namespace AiTune.Tests.Metrics.Http;

public sealed class ScrapeNegotiationTests
{
    [Theory]
    [InlineData(null, ExpositionFormat.PrometheusText)]
    [InlineData("", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain", ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text", ExpositionFormat.OpenMetrics)]
    [InlineData("Application/OpenMetrics-Text; Version=1.0.0", ExpositionFormat.OpenMetrics)]
    [InlineData("application/openmetrics-text; version=\"1.0.0\"", ExpositionFormat.OpenMetrics)]
    // Prometheus 2.42's own header: OpenMetrics 1.0.0 first.
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", ExpositionFormat.OpenMetrics)]
    // Prometheus with scrape_protocols that put the text format first.
    [InlineData("text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.9", ExpositionFormat.PrometheusText)]
    // Only OpenMetrics 0.0.1, which this server does not write.
    [InlineData("application/openmetrics-text;version=0.0.1", ExpositionFormat.PrometheusText)]
    // q=0 is "not acceptable".
    [InlineData("application/openmetrics-text;q=0, */*", ExpositionFormat.PrometheusText)]
    [InlineData("text/plain;q=0, application/*;q=0.2", ExpositionFormat.OpenMetrics)]
    // The most specific range decides, whatever the order.
    [InlineData("*/*;q=1, text/plain;q=0.1, application/openmetrics-text;q=0.5", ExpositionFormat.OpenMetrics)]
    [InlineData("text/*;q=0.9, application/openmetrics-text;q=0.8", ExpositionFormat.PrometheusText)]
    // A tie goes to the text format.
    [InlineData("*/*", ExpositionFormat.PrometheusText)]
    [InlineData("application/openmetrics-text;q=0.5, text/plain;q=0.5", ExpositionFormat.PrometheusText)]
    // Malformed ranges are ignored, the rest still counts.
    [InlineData("garbage, application/openmetrics-text;q=abc, application/openmetrics-text;q=0.7, text/plain;q=2", ExpositionFormat.OpenMetrics)]
    [InlineData("application/json", ExpositionFormat.PrometheusText)]
    public void Chooses(string? accept, ExpositionFormat expected) => Assert.Equal(expected, ScrapeNegotiation.Choose(accept));

    [Fact]
    public void Any_header_chooses_a_format_without_throwing() =>
        Gen.String.Sample(accept => Assert.True(Enum.IsDefined(ScrapeNegotiation.Choose(accept))));
}
