namespace AiTune.Metrics.Http;

/// <summary>A request's line and headers, as read off the wire (the body, if any, is never read).</summary>
public sealed record HttpRequestHead(string Method, string Target, string Version, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The value of the one header named <paramref name="name"/>; several are joined with commas, as
    /// RFC 9110 §5.3 allows for list-valued fields (Accept).</summary>
    public string? Header(string name)
    {
        var values = Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }
}
