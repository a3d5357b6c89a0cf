namespace AiTune.Services.Metrics;

/// <summary>What `aitune metrics` (and each scrape of `aitune serve`) collects.</summary>
/// <param name="Root">--root: null or "/" for this host, a host tree directory, or a snapshot archive.</param>
/// <param name="ProfileFiles">User profile files, besides the built-in profiles and the host's profiles.d.</param>
/// <param name="Profiles">The profiles (or '+' combinations) the audit families score; empty for every selectable
/// profile of the host (the built-in ones and its profiles.d), the same set audit scores.</param>
/// <param name="Model">The model the memory rules judge against.</param>
/// <param name="Cgroups">Cgroups whose pressure is exported: paths under the cgroup v2 mount ("system.slice/x.service"),
/// or absolute paths under it.</param>
/// <param name="Database">The benchmark result store; null for this user's default (read only when it exists).</param>
/// <param name="StateDirectory">Where the tuning journal lives; null for the host's own.</param>
public sealed record MetricsRequest(
    string? Root,
    IReadOnlyList<string> ProfileFiles,
    IReadOnlyList<string> Profiles,
    ModelSpecification Model,
    IReadOnlyList<string> Cgroups,
    string? Database,
    string? StateDirectory)
{
    /// <summary>Collectors left out of this collection by name ("audit", "benchmarks"): a caller that samples every
    /// second (aitune monitor) and shows neither skips their cost; the families of a skipped collector are absent and
    /// it has no aitune_collector_success series.</summary>
    public IReadOnlySet<string> SkippedCollectors { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>This host, every profile, no cgroup, the default store and journal.</summary>
    public static MetricsRequest Default { get; } = new(null, [], [], ModelSpecification.None, [], null, null);
}
