using AiTune.Benchmarks.Statistics;

namespace AiTune.Benchmarks;

/// <summary>One metric of a run in numbers a person reads: the median with its bootstrap interval, the spread, the
/// tail percentiles. The raw samples stay in the run.</summary>
/// <param name="Name">"suite/case/metric".</param>
/// <param name="CoefficientOfVariation">Standard deviation over mean (0.03 is 3 %).</param>
public sealed record MetricSummary(
    string Name,
    string Unit,
    MetricDirection Direction,
    int Count,
    double Median,
    double MedianLower,
    double MedianUpper,
    double ConfidenceLevel,
    double Mean,
    double StandardDeviation,
    double CoefficientOfVariation,
    double Min,
    double Max,
    double P90,
    double P99,
    double P999)
{
    public static IReadOnlyList<MetricSummary> Of(BenchmarkRun run) =>
        run.Metrics().Select(m => Of(m.Name, m.Metric)).ToList();

    public static MetricSummary Of(string name, MetricResult metric)
    {
        var summary = SampleSummary.Create(metric.Samples);
        return new MetricSummary(name, metric.Unit, metric.Direction, summary.Count, summary.Median, summary.MedianInterval.Lower,
            summary.MedianInterval.Upper, summary.MedianInterval.Level, summary.Mean, summary.StandardDeviation, summary.CoefficientOfVariation,
            summary.Min, summary.Max, summary.P90, summary.P99, summary.P999);
    }
}
