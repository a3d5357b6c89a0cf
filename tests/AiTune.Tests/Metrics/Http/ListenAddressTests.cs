using System.Net;
using AiTune.Metrics.Http;

namespace AiTune.Tests.Metrics.Http;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:9479", "127.0.0.1:9479")]
    [InlineData("127.0.0.1", "127.0.0.1:9479")]
    [InlineData("127.1.2.3:80", "127.1.2.3:80")]
    [InlineData("localhost:9000", "127.0.0.1:9000")]
    [InlineData("[::1]:9479", "[::1]:9479")]
    [InlineData("[::1]", "[::1]:9479")]
    [InlineData("127.0.0.1:0", "127.0.0.1:0")]
    public void Parses_loopback(string text, string formatted) => Assert.Equal(formatted, ListenAddress.Format(ListenAddress.Parse(text, allowRemote: false)));

    [Theory]
    [InlineData("0.0.0.0:9479")]
    [InlineData("[::]:9479")]
    [InlineData("192.168.1.10:9479")]
    [InlineData("[2001:db8::1]:9479")]
    public void Refuses_a_remote_address_without_the_flag(string text)
    {
        var error = Assert.Throws<AiTuneException>(() => ListenAddress.Parse(text, allowRemote: false));
        Assert.Contains("not a loopback address", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", error.Hint, StringComparison.Ordinal);
        Assert.NotEqual(IPAddress.Loopback, ListenAddress.Parse(text, allowRemote: true).Address);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":9479")]
    [InlineData("::1:9479")]
    [InlineData("[::1")]
    [InlineData("[::1]9479")]
    [InlineData("[127.0.0.1]:9479")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("127.0.0.1:+80")]
    [InlineData("127.0.0.1:http")]
    [InlineData("example.com:9479")]
    [InlineData("[fe80::1%eth0]:9479")]
    public void Refuses_malformed(string text)
    {
        var error = Assert.Throws<AiTuneException>(() => ListenAddress.Parse(text, allowRemote: true));
        Assert.Contains("not an address and port", error.Message, StringComparison.Ordinal);
    }
}
