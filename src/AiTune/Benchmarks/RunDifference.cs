namespace AiTune.Benchmarks;

/// <summary>Something that is not the same in the baseline runs and the candidate runs: a fact of the host ("kernel:
/// 6.1.0 → 6.12.9"), what a compare is really comparing or what spoils it, or a workload parameter of a case
/// ("file-bytes: 2147483648 → 268435456"), which makes its metrics incomparable. Where the runs of one side disagree
/// among themselves, that side lists its values with " | ".</summary>
public sealed record RunDifference(string Field, string Baseline, string Candidate);
