namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// A two-sided Mann-Whitney test: <see cref="CandidateU"/> counts the (baseline, candidate) pairs where the candidate
/// value is the larger, ties counting one half (R's <c>W</c> for <c>wilcox.test(candidate, baseline)</c>).
/// </summary>
internal readonly record struct RankSumResult(double CandidateU, double PValue, RankTestMethod Method);
