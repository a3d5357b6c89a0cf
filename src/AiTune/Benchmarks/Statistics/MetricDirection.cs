namespace AiTune.Benchmarks.Statistics;

/// <summary>Which way a metric improves: durations and latencies go down, throughputs and rates go up.</summary>
public enum MetricDirection
{
    LowerIsBetter,
    HigherIsBetter,
}
