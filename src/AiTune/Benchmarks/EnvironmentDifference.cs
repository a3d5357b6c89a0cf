namespace AiTune.Benchmarks;

/// <summary>A fact of the host that is not the same in the baseline runs and the candidate runs ("kernel: 6.1.0 →
/// 6.12.9"): what a compare is really comparing, or what spoils it.</summary>
public sealed record EnvironmentDifference(string Field, string Baseline, string Candidate);
