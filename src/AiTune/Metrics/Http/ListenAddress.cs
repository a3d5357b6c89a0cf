using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AiTune.Text;

namespace AiTune.Metrics.Http;

/// <summary>The address <c>aitune serve</c> listens on: <c>127.0.0.1:9479</c>, <c>[::1]:9479</c>,
/// <c>localhost:9479</c>; the port may be left out (9479) and may be 0 (a free port, for tests).</summary>
public static class ListenAddress
{
    /// <summary>In the 9100–9999 range Prometheus exporters use by convention.</summary>
    public const int DefaultPort = 9479;

    public const string Default = "127.0.0.1:9479";

    /// <summary>The endpoint, refused unless it is loopback or <paramref name="allowRemote"/>: the endpoint has no
    /// authentication, and a host's tuning and audit state tell an attacker where it is weak.</summary>
    public static IPEndPoint Parse(string text, bool allowRemote)
    {
        var endpoint = ParseEndpoint(text);
        if (!allowRemote && !IPAddress.IsLoopback(endpoint.Address))
        {
            throw new AiTuneException(
                $"--listen {DisplayText.Excerpt(text)}: not a loopback address, and the endpoint has no authentication",
                "listen on 127.0.0.1 (the default) and put a reverse proxy with TLS and authentication in front; to bind it anyway, add --allow-remote (see docs/serve.md)");
        }

        return endpoint;
    }

    /// <summary>How a URL names the endpoint: IPv6 addresses in brackets.</summary>
    public static string Format(IPEndPoint endpoint) =>
        endpoint.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{endpoint.Address}]:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{endpoint.Address}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";

    private static IPEndPoint ParseEndpoint(string text)
    {
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close != text.Length - 1 && text[close + 1] != ':'))
            {
                throw Malformed(text);
            }

            host = text[1..close];
            port = close == text.Length - 1 ? null : text[(close + 2)..];
        }
        else
        {
            int colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                // More than one colon without brackets: an IPv6 address, whose last group would read as a port.
                throw Malformed(text);
            }

            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) && (parsed.AddressFamily == AddressFamily.InterNetworkV6) == text.StartsWith('[') ? parsed
            : throw Malformed(text);
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            throw Malformed(text);
        }

        int number = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number > IPEndPoint.MaxPort))
        {
            throw Malformed(text);
        }

        return new IPEndPoint(address, number);
    }

    private static AiTuneException Malformed(string text) => new(
        $"--listen {DisplayText.Excerpt(text)}: not an address and port",
        "write an IPv4 address and port (127.0.0.1:9479) or an IPv6 address in brackets ([::1]:9479)");
}
