using System.Globalization;
using System.Text;

namespace AiTune.Metrics.Http;

/// <summary>A complete response: the server writes every one with Content-Length and <c>Connection: close</c>
/// (one request per connection: a scraper opens one per scrape anyway, and it keeps the server free of
/// keep-alive state and pipelining).</summary>
public sealed record HttpResponse(int Status, string ContentType, string Body, IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders)
{
    public static HttpResponse PlainText(int status, string line) =>
        new(status, "text/plain; charset=utf-8", line + "\n", []);

    public HttpResponse WithHeader(string name, string value) => this with { ExtraHeaders = [.. ExtraHeaders, new(name, value)] };

    /// <summary>The bytes on the wire; a HEAD response has the headers of its GET, Content-Length included, and no
    /// body (RFC 9110 §9.3.2).</summary>
    public byte[] Serialize(bool withBody, DateTimeOffset now)
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var head = new StringBuilder(256)
            .Append("HTTP/1.1 ").Append(Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Reason(Status)).Append("\r\n")
            .Append("Date: ").Append(now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Content-Type: ").Append(ContentType).Append("\r\n")
            .Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Connection: close\r\n")
            .Append("Cache-Control: no-store\r\n")
            .Append("X-Content-Type-Options: nosniff\r\n");
        foreach (var (name, value) in ExtraHeaders)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        return withBody ? [.. headBytes, .. body] : headBytes;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    };
}
