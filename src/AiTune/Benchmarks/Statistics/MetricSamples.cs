namespace AiTune.Benchmarks.Statistics;

/// <summary>One metric's samples from the baseline run (A) and the candidate run (B), and which way is better.</summary>
public sealed record MetricSamples(
    string Name,
    MetricDirection Direction,
    IReadOnlyList<double> Baseline,
    IReadOnlyList<double> Candidate);
