using AiTune.Metrics.Http;
using CsCheck;

namespace AiTune.Tests.Metrics.Http;

public sealed class RequestPathTests
{
    [Theory]
    [InlineData("/metrics", "/metrics")]
    [InlineData("/metrics?name[]=x", "/metrics")]
    [InlineData("/%6detrics", "/metrics")]
    [InlineData("http://127.0.0.1:9479/metrics", "/metrics")]
    [InlineData("http://127.0.0.1:9479", "/")]
    [InlineData("/", "/")]
    [InlineData("/a..b", "/a..b")]
    public void Decodes(string target, string path) => Assert.Equal(path, RequestPath.Decode(target));

    [Theory]
    [InlineData("/..")]
    [InlineData("/../metrics")]
    [InlineData("/./metrics")]
    [InlineData("/%2e%2e/")]
    [InlineData("/%2E./x")]
    [InlineData("/x%2f%2e%2e")]
    [InlineData("/x\\..\\y")]
    [InlineData("/x%5c..%5cy")]
    [InlineData("/%00")]
    [InlineData("/%")]
    [InlineData("/%4")]
    [InlineData("/%g0")]
    [InlineData("/%ff")]
    [InlineData("*")]
    [InlineData("metrics")]
    public void Refuses(string target) => Assert.Null(RequestPath.Decode(target));

    [Fact]
    public void A_decoded_path_never_has_a_dot_dot_segment() =>
        Gen.String.Sample(target =>
        {
            var path = RequestPath.Decode(target);
            Assert.True(path is null || !path.Split('/', '\\').Contains(".."));
        });
}
