using System.Collections.Concurrent;

namespace AiTune.Metrics;

/// <summary>
/// How long a collection waits for its collectors (aitune serve: a scrape must answer within its timeout), and the
/// collectors it stopped waiting for. A collector blocked in the kernel (a read of a hung device's sysfs file, a
/// store on a stalled disk) cannot be interrupted: the collection reports it as failed and answers with the others,
/// and the blocked run is left to finish on its own. Until it does, later collections do not start that collector
/// again (threads blocked one per scrape would pile up); they report it as still running. One limit serves every
/// collection of one server.
/// </summary>
/// <param name="budget">From the collection's start to the moment it stops waiting for any collector.</param>
public sealed class CollectorTimeLimit(TimeSpan budget)
{
    private readonly ConcurrentDictionary<string, Task> stillRunning = new(StringComparer.Ordinal);

    public TimeSpan Budget { get; } = budget > TimeSpan.Zero ? budget : throw new ArgumentOutOfRangeException(nameof(budget));

    /// <summary>Whether an earlier collection gave up on this collector and its run has not finished yet.</summary>
    internal bool IsStillRunning(string collector)
    {
        if (!stillRunning.TryGetValue(collector, out var run))
        {
            return false;
        }

        if (!run.IsCompleted)
        {
            return true;
        }

        stillRunning.TryRemove(new KeyValuePair<string, Task>(collector, run));
        return false;
    }

    internal void GaveUpOn(string collector, Task run) => stillRunning[collector] = run;
}
