namespace AiTune.Services.Monitoring;

/// <summary>Transparent huge pages: the modes, and the page faults over the last interval that got a huge page
/// (fault_alloc) or fell back to small pages (fault_fallback), per second. Null where it cannot be said.</summary>
public sealed record ThpActivity(string? Enabled, string? Defrag, double? FaultAllocPerSecond, double? FaultFallbackPerSecond)
{
    /// <summary>The share of huge page faults that fell back to small pages; null when the rates are unknown or no
    /// fault happened in the interval (no share of nothing).</summary>
    public double? FallbackShare =>
        FaultAllocPerSecond is { } alloc && FaultFallbackPerSecond is { } fallback && alloc + fallback > 0
            ? fallback / (alloc + fallback)
            : null;
}
