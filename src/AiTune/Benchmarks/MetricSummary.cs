using AiTune.Benchmarks.Statistics;

namespace AiTune.Benchmarks;

/// <summary>One metric of a run in numbers a person reads: the median with its bootstrap interval, the spread, the
/// tail percentiles. The raw samples stay in the run. Members are set by name: twelve of them are doubles, which a
/// positional call would let anyone swap unnoticed.</summary>
public sealed record MetricSummary
{
    /// <summary>"suite/case/metric".</summary>
    public required string Name { get; init; }

    public required string Unit { get; init; }

    public required MetricDirection Direction { get; init; }

    public required int Count { get; init; }

    public required double Median { get; init; }

    public required double MedianLower { get; init; }

    public required double MedianUpper { get; init; }

    public required double ConfidenceLevel { get; init; }

    public required double Mean { get; init; }

    public required double StandardDeviation { get; init; }

    /// <summary>Standard deviation over mean (0.03 is 3 %).</summary>
    public required double CoefficientOfVariation { get; init; }

    public required double Min { get; init; }

    public required double Max { get; init; }

    public required double P90 { get; init; }

    public required double P99 { get; init; }

    public required double P999 { get; init; }

    public static IReadOnlyList<MetricSummary> Of(BenchmarkRun run) =>
        run.Metrics().Select(m => Of(m.Name, m.Metric)).ToList();

    public static MetricSummary Of(string name, MetricResult metric)
    {
        var summary = SampleSummary.Create(metric.Samples);
        return new MetricSummary
        {
            Name = name,
            Unit = metric.Unit,
            Direction = metric.Direction,
            Count = summary.Count,
            Median = summary.Median,
            MedianLower = summary.MedianInterval.Lower,
            MedianUpper = summary.MedianInterval.Upper,
            ConfidenceLevel = summary.MedianInterval.Level,
            Mean = summary.Mean,
            StandardDeviation = summary.StandardDeviation,
            CoefficientOfVariation = summary.CoefficientOfVariation,
            Min = summary.Min,
            Max = summary.Max,
            P90 = summary.P90,
            P99 = summary.P99,
            P999 = summary.P999,
        };
    }
}
