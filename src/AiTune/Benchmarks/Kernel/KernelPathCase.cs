using System.Diagnostics;
using AiTune.Benchmarks.Statistics;

namespace AiTune.Benchmarks.Kernel;

/// <summary>
/// A case of the kernel suite: each repetition runs <see cref="Operations"/> operations back to back and reports the
/// mean cost of one, in nanoseconds. The mean, not a percentile, because under TCG with -icount every operation costs
/// the same count of instructions and the mean is that count; on a real host it is what a throughput of such
/// operations costs. The repetition is the sample, so the runner's statistics apply across repetitions as in every
/// other suite.
/// </summary>
public abstract class KernelPathCase : BenchmarkCase
{
    protected KernelPathCase(string name, string description, string unit, int operations)
        : base(KernelSuite.Name, name, description, [new MetricDefinition(KernelSuite.CostMetric, unit, MetricDirection.LowerIsBetter)])
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(operations, 1);
        Operations = operations;
        Parameter("operations", operations);
    }

    /// <summary>Operations per repetition.</summary>
    public int Operations { get; }

    public sealed override void Measure(Span<double> values, CancellationToken cancellation)
    {
        long ticks = RunOperations(cancellation);
        // A clock too coarse for the run (a tick of 0) would give 0; the smallest positive value says "too fast to see".
        values[0] = Math.Max(ticks, 1) * 1e9 / Stopwatch.Frequency / Operations;
    }

    /// <summary>Runs <see cref="Operations"/> operations and returns the <see cref="Stopwatch"/> ticks they took,
    /// set-up (a mapping, threads, pinning) excluded.</summary>
    protected abstract long RunOperations(CancellationToken cancellation);
}
