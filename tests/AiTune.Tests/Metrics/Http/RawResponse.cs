using System.Globalization;
using System.Text;

namespace AiTune.Tests.Metrics.Http;

public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public string? Header(string name) => Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).SingleOrDefault();

    public static RawResponse Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"no complete response head in {bytes.Length} bytes: {text}");
        var lines = text[..end].Split("\r\n");
        var status = lines[0].Split(' ');
        Assert.Equal("HTTP/1.1", status[0]);
        var headers = lines.Skip(1).Select(l => l.Split(": ", 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();
        var response = new RawResponse(int.Parse(status[1], CultureInfo.InvariantCulture), headers, text[(end + 4)..]);
        // Every answer says its length and that the connection closes.
        Assert.Equal("close", response.Header("Connection"));
        Assert.NotNull(response.Header("Content-Length"));
        return response;
    }
}
