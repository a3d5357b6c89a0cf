using AiTune.Benchmarks;

namespace AiTune.Services.ClosedLoop;

/// <summary>Measures one run of the loop's suites on the host as it is now, and stores it.</summary>
public interface IRunMeasurer
{
    /// <summary>The number of metrics a run can measure (each case's metrics, before any is skipped): what the
    /// many-metrics correction divides α by, so what decides how many runs a side the loop needs.</summary>
    int MetricCount { get; }

    /// <summary>One run, labelled; partial when <paramref name="cancellation"/> stopped it.</summary>
    BenchmarkRun Measure(string label, CancellationToken cancellation);
}
