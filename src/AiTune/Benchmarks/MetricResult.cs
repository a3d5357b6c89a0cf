using AiTune.Benchmarks.Statistics;

namespace AiTune.Benchmarks;

/// <summary>One metric's raw samples from one case, warm-up excluded, in measurement order.</summary>
public sealed record MetricResult(string Name, string Unit, MetricDirection Direction, IReadOnlyList<double> Samples)
{
    /// <summary>The summary of the samples, or null when there are none (a skipped or interrupted case).</summary>
    public SampleSummary? Summarize(BootstrapSettings? bootstrap = null) => Samples.Count == 0 ? null : SampleSummary.Create(Samples, bootstrap);
}
