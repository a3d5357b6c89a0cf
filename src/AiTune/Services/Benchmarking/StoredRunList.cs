using AiTune.Benchmarks.Store;

namespace AiTune.Services.Benchmarking;

/// <summary>Stored runs, newest first.</summary>
/// <param name="Database">The result store they were read from.</param>
/// <param name="Filtered">A filter beyond the limit was given (label, kernel, host): "none matches" rather than "none stored yet".</param>
public sealed record StoredRunList(string Database, IReadOnlyList<RunSummary> Runs, bool Filtered);
