namespace AiTune.Benchmarks.Statistics;

/// <summary>
/// One metric's samples from the baseline (A) and the candidate (B), run by run, and which way is better. The runs are
/// the replicates (three boots of each kernel, eight interleaved rounds of a tuning), because the repetitions of one
/// run share its boot, its page placement and its neighbours, and are not independent of each other.
/// </summary>
public sealed record MetricSamples(
    string Name,
    MetricDirection Direction,
    IReadOnlyList<IReadOnlyList<double>> BaselineRuns,
    IReadOnlyList<IReadOnlyList<double>> CandidateRuns)
{
    /// <summary>One run a side.</summary>
    public MetricSamples(string name, MetricDirection direction, IReadOnlyList<double> baseline, IReadOnlyList<double> candidate)
        : this(name, direction, [baseline], [candidate])
    {
    }
}
