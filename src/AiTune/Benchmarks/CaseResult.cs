using System.Text.Json.Serialization;

namespace AiTune.Benchmarks;

/// <summary>What one case measured.</summary>
/// <param name="Suite">The suite the case belongs to ("model-load").</param>
/// <param name="Name">The case within its suite ("read/4k"); "suite/name/metric" names a metric across runs.</param>
/// <param name="Description">What the case does, in a sentence.</param>
/// <param name="Reason">Why the case was skipped or stopped early, for a person; null when it ran to its target.</param>
/// <param name="WarmupCount">Repetitions run first and discarded.</param>
/// <param name="ElapsedSeconds">Wall time of the case, warm-up and preparation included.</param>
/// <param name="Notes">What a reader needs to trust the number (the resident share before a cold load, a fallback taken).</param>
/// <param name="Parameters">The workload as data (<see cref="BenchmarkCase.Parameters"/>, and "mode": quick or standard):
/// compare refuses a metric whose runs disagree here. Null in runs stored before aitune recorded it.</param>
public sealed record CaseResult(
    string Suite,
    string Name,
    string Description,
    CaseOutcome Outcome,
    string? Reason,
    int WarmupCount,
    double ElapsedSeconds,
    IReadOnlyList<MetricResult> Metrics,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, string>? Parameters = null)
{
    /// <summary>The parameter that says whether a run was quick (smaller sizes, fewer repetitions) or standard.</summary>
    public const string ModeParameter = "mode";

    /// <summary>Not in the JSON documents: it repeats Suite and Name.</summary>
    [JsonIgnore]
    public string FullName => $"{Suite}/{Name}";
}
