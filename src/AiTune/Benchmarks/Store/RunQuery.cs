namespace AiTune.Benchmarks.Store;

/// <summary>Which stored runs to list: every run by default; each filter given narrows it (exact matches).</summary>
/// <param name="Limit">At most this many, the newest; null for all.</param>
/// <param name="Kernel">The kernel release as stored ("6.8.0-51-generic").</param>
public sealed record RunQuery(int? Limit = null, string? Label = null, string? Kernel = null, string? Hostname = null);
