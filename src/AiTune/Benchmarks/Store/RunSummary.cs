namespace AiTune.Benchmarks.Store;

/// <summary>One stored run as `bench history` lists it: enough to pick the ids to compare.</summary>
/// <param name="Cases">The cases the run holds, skipped ones included.</param>
/// <param name="SkippedCases">The cases that could not run on that host.</param>
public sealed record RunSummary(
    long Id,
    string? Label,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Hostname,
    string? Kernel,
    string? Flavor,
    string? AppliedProfile,
    IReadOnlyList<string> Suites,
    bool Partial,
    bool Quick,
    int Cases,
    int SkippedCases);
