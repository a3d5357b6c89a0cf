using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks;

/// <summary>A case that returns the values it is given, one per repetition, and records what the runner asked of it;
/// with <paramref name="tail"/> a second metric, "tail", that decides the stop or not.</summary>
internal sealed class ScriptedCase(Func<int, double> value, Exception? prepareFailure = null, Func<int, double>? tail = null, bool tailDecidesStop = false)
    : BenchmarkCase("scripted", "case", "returns scripted values",
        tail is null
            ? [new MetricDefinition("value", "µs", MetricDirection.LowerIsBetter)]
            : [new MetricDefinition("value", "µs", MetricDirection.LowerIsBetter), new MetricDefinition("tail", "µs", MetricDirection.LowerIsBetter, tailDecidesStop)])
{
    public int Measured { get; private set; }

    public int DisposedCount { get; private set; }

    public Action<int>? OnMeasure { get; init; }

    public override void Prepare(CancellationToken cancellation)
    {
        if (prepareFailure is not null)
        {
            throw prepareFailure;
        }

        Note("prepared");
    }

    public override void Measure(Span<double> values, CancellationToken cancellation)
    {
        values[0] = value(Measured);
        if (tail is not null)
        {
            values[1] = tail(Measured);
        }

        Measured++;
        OnMeasure?.Invoke(Measured);
    }

    protected override void Dispose(bool disposing)
    {
        DisposedCount++;
        base.Dispose(disposing);
    }
}
