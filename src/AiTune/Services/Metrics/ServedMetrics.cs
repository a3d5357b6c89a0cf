using AiTune.Metrics.Http;

namespace AiTune.Services.Metrics;

/// <summary>What <c>aitune serve</c> answers a scrape with: the seam between the HTTP endpoint and the collection.
/// Until the collectors land this is the build info alone, a valid exposition in both formats.</summary>
public sealed class ServedMetrics(string version, string? root, string? profile)
{
    /// <summary>The host to collect from (--root); null: this host.</summary>
    public string? Root { get; } = root;

    /// <summary>The profile to audit and check drift against (--profile).</summary>
    public string? Profile { get; } = profile;

    public Task<string> ProduceAsync(ScrapeFormat format, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var escaped = version.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        var body = "# HELP aitune_build_info A metric with a constant '1' value labelled by the version of aitune.\n"
            + "# TYPE aitune_build_info gauge\n"
            + $"aitune_build_info{{version=\"{escaped}\"}} 1\n"
            + (format == ScrapeFormat.OpenMetrics ? "# EOF\n" : "");
        return Task.FromResult(body);
    }
}
