using System.Net.Sockets;
using System.Text;

namespace AiTune.Metrics.Http;

/// <summary>Reads and parses a request's head (RFC 9112) within the server's bounds: it never holds more than
/// <see cref="MetricsServerLimits.MaxHeadBytes"/> of one client and never waits past the header deadline.</summary>
public static class HttpRequestReader
{
    /// <param name="headerDeadline">Cancelled when the client has had its time for the headers: 408.</param>
    /// <param name="stopping">Cancelled when the server stops: no answer.</param>
    public static async Task<HeadRead> ReadAsync(Socket client, MetricsServerLimits limits, CancellationToken headerDeadline, CancellationToken stopping)
    {
        var buffer = new byte[limits.MaxHeadBytes];
        int filled = 0;
        while (true)
        {
            int received;
            try
            {
                received = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, headerDeadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return HeadRead.Reject(408, $"the request's headers did not arrive within {limits.HeaderTimeout.TotalSeconds:0.###} s");
            }
            catch (OperationCanceledException)
            {
                return HeadRead.Gone;
            }
            catch (SocketException)
            {
                return HeadRead.Gone;
            }

            if (received == 0)
            {
                // The client closed (or half-closed) before finishing its request: nobody reads an answer.
                return HeadRead.Gone;
            }

            int searchFrom = Math.Max(0, filled - 3);
            filled += received;
            int end = EndOfHead(buffer.AsSpan(0, filled), searchFrom);
            int lineEnd = buffer.AsSpan(0, filled).IndexOf((byte)'\n');
            if ((lineEnd < 0 && filled > limits.MaxRequestLineBytes) || lineEnd > limits.MaxRequestLineBytes)
            {
                return HeadRead.Reject(414, $"the request line is longer than {limits.MaxRequestLineBytes} bytes");
            }

            if (end >= 0)
            {
                return Parse(buffer.AsSpan(0, end), limits);
            }

            if (filled == buffer.Length)
            {
                return HeadRead.Reject(431, $"the request's headers are longer than {limits.MaxHeadBytes} bytes");
            }
        }
    }

    /// <summary>The length of the head up to the empty line that ends it (CRLF CRLF, or LF LF, which RFC 9112 §2.2
    /// lets a server accept), or -1.</summary>
    private static int EndOfHead(ReadOnlySpan<byte> data, int from)
    {
        for (int i = from; i < data.Length; i++)
        {
            if (data[i] != '\n')
            {
                continue;
            }

            if (i >= 1 && data[i - 1] == '\n')
            {
                return i - 1;
            }

            if (i >= 3 && data[i - 1] == '\r' && data[i - 2] == '\n' && data[i - 3] == '\r')
            {
                return i - 3;
            }
        }

        return -1;
    }

    /// <summary>Parses the head (without its final empty line).</summary>
    public static HeadRead Parse(ReadOnlySpan<byte> head, MetricsServerLimits limits)
    {
        // Latin-1 maps every byte to one char, so obs-text in a header value survives and nothing throws.
        var lines = Encoding.Latin1.GetString(head).Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        if (lines.Any(l => l.Contains('\r', StringComparison.Ordinal)))
        {
            return HeadRead.Reject(400, "a bare carriage return in the request");
        }

        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !IsToken(requestLine[0]) || requestLine[1].Length == 0 || requestLine[1].Any(c => c <= ' ' || c >= 0x7F))
        {
            return HeadRead.Reject(400, "a malformed request line: expected METHOD TARGET HTTP/1.1");
        }

        var version = requestLine[2];
        if (version is not ("HTTP/1.1" or "HTTP/1.0"))
        {
            return version.StartsWith("HTTP/", StringComparison.Ordinal) && version.Length == 8 && char.IsAsciiDigit(version[5]) && version[6] == '.' && char.IsAsciiDigit(version[7])
                ? HeadRead.Reject(505, "this server speaks HTTP/1.1 and HTTP/1.0")
                : HeadRead.Reject(400, "a malformed request line: expected METHOD TARGET HTTP/1.1");
        }

        if (lines.Count - 1 > limits.MaxHeaderCount)
        {
            return HeadRead.Reject(431, $"more than {limits.MaxHeaderCount} header fields");
        }

        var headers = new List<KeyValuePair<string, string>>(lines.Count - 1);
        foreach (var line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            // No whitespace before the colon, no obsolete line folding (RFC 9112 §5.1, §5.2): both have been used
            // to smuggle requests past proxies.
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                return HeadRead.Reject(400, "a malformed header field");
            }

            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (value.Any(c => (c < ' ' && c != '\t') || c == 0x7F))
            {
                return HeadRead.Reject(400, "a control character in a header field");
            }

            headers.Add(new(line[..colon], value));
        }

        var request = new HttpRequestHead(requestLine[0], requestLine[1], version, headers);
        int hosts = headers.Count(h => string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase));
        if ((version == "HTTP/1.1" && hosts == 0) || hosts > 1)
        {
            // RFC 9112 §3.2: exactly one Host in HTTP/1.1.
            return HeadRead.Reject(400, "an HTTP/1.1 request needs exactly one Host header");
        }

        return new HeadRead(request, null);
    }

    /// <summary>RFC 9110 §5.6.2 token characters.</summary>
    private static bool IsToken(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
