using System.Text;

namespace AiTune.Metrics.Http;

/// <summary>The decoded path of a request target, or null for one the server refuses: malformed percent-encoding,
/// a NUL, or a <c>.</c> or <c>..</c> segment, raw or percent-encoded (<c>%2e%2e</c>, <c>..%2f</c>). The server
/// serves no files, so nothing could be reached through them; they are refused all the same, as the probes they
/// are.</summary>
public static class RequestPath
{
    public static string? Decode(string target)
    {
        // Absolute form (RFC 9112 §3.2.2), which a server must accept: the path after the authority.
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            int slash = target.IndexOf('/', "http://".Length);
            target = slash < 0 ? "/" : target[slash..];
        }

        if (!target.StartsWith('/'))
        {
            return null;
        }

        int end = target.IndexOfAny(['?', '#']);
        var raw = end < 0 ? target : target[..end];
        var bytes = new List<byte>(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '%')
            {
                bytes.Add((byte)raw[i]);
                continue;
            }

            if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2]))
            {
                return null;
            }

            bytes.Add(Convert.FromHexString(raw.AsSpan(i + 1, 2))[0]);
            i += 2;
        }

        string path;
        try
        {
            path = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        if (path.Contains('\0', StringComparison.Ordinal) || path.Split('/', '\\').Any(segment => segment is "." or ".."))
        {
            return null;
        }

        return path;
    }
}
