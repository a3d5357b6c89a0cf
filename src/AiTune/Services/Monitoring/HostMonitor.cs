using AiTune.Metrics;
using AiTune.Services.Metrics;

namespace AiTune.Services.Monitoring;

/// <summary>
/// The sampling behind `aitune monitor`: one collection of <see cref="HostMetrics"/> per interval (the same
/// collection `aitune metrics` and a scrape make), and a frame from the last two. The audit and benchmark collectors
/// are skipped: the frame shows neither, and the audit of every profile is about 40% of a sample's time (20 of
/// 47 ms, docs/monitor.md); `aitune audit` and `aitune metrics` are there for them.
/// </summary>
public sealed class HostMonitor(HostMetrics metrics, MetricsRequest request, TimeProvider clock)
{
    /// <summary>The collectors a monitor sample leaves out.</summary>
    public static IReadOnlySet<string> Skipped { get; } = new HashSet<string>(["audit", "benchmarks"], StringComparer.Ordinal);

    public const string SnapshotReason = "--root reads a tree or snapshot: its counters do not move";

    private readonly MetricsRequest sampled = request with { SkippedCollectors = Skipped };
    private CollectedMetrics? previous;
    private long previousAt;

    /// <summary>Whether the request reads this host, whose counters move between samples (a tree or a snapshot's do not).</summary>
    public bool Live => string.IsNullOrEmpty(request.Root) || Path.GetFullPath(request.Root) == "/";

    /// <summary>Takes a sample and returns the frame of it and the one before (the first frame has no rates).</summary>
    public MonitorFrame Next(CancellationToken cancellation = default)
    {
        var current = metrics.Collect(sampled, cancellation);
        long at = clock.GetTimestamp();
        var frame = MonitorFrame.From(Live ? previous : null, current, previous is null ? TimeSpan.Zero : clock.GetElapsedTime(previousAt, at),
            clock.GetUtcNow(), Live ? null : SnapshotReason);
        previous = current;
        previousAt = at;
        return frame;
    }

    /// <summary>One frame with rates: two samples <paramref name="interval"/> apart on the live host, one sample of a
    /// tree or snapshot (its rates absent, and the frame says why).</summary>
    public MonitorFrame Once(TimeSpan interval, CancellationToken cancellation = default)
    {
        var frame = Next(cancellation);
        if (!Live)
        {
            return frame;
        }

        cancellation.WaitHandle.WaitOne(interval);
        cancellation.ThrowIfCancellationRequested();
        return Next(cancellation);
    }
}
