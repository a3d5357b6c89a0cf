namespace AiTune.Benchmarks;

/// <summary>
/// One `aitune bench` run: every case's raw samples with the host they were measured on. This is what the result
/// store keeps, what export writes and import reads, and what compare takes apart.
/// </summary>
/// <param name="Id">The store's id; 0 until the run is stored.</param>
/// <param name="Label">The user's name for the run ("before", "6.12-lts"); the closed loop labels its runs itself.</param>
/// <param name="Partial">True when the run was interrupted: the cases it holds are not all the ones asked for.</param>
/// <param name="Suites">The suites asked for, in order.</param>
/// <param name="Uid">The run's identity wherever it is stored (a UUID made when it was measured), unlike
/// <paramref name="Id"/>, which each database gives anew: importing the same run twice stores it once. Null only in
/// documents written before aitune recorded it; the store then derives one from what the run holds
/// (<see cref="Store.RunIdentity"/>).</param>
/// <param name="Load">What else the host was doing meanwhile; null in runs stored before aitune recorded it, or where
/// /proc/stat cannot be read.</param>
public sealed record BenchmarkRun(
    long Id,
    string? Label,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Partial,
    IReadOnlyList<string> Suites,
    RunSettingsRecord Settings,
    RunEnvironment Environment,
    IReadOnlyList<CaseResult> Cases,
    string? Uid = null,
    Load.RunLoad? Load = null)
{
    /// <summary>Every metric of the run as "suite/case/metric" with its samples, skipped cases left out.</summary>
    public IEnumerable<(string Name, MetricResult Metric)> Metrics() =>
        Cases.SelectMany(c => c.Metrics.Where(m => m.Samples.Count > 0).Select(m => ($"{c.FullName}/{m.Name}", m)));
}
