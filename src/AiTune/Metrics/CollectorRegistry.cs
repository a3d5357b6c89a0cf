using AiTune.Files;

namespace AiTune.Metrics;

/// <summary>Named collectors run in turn, each timed, each allowed to fail without failing the scrape (node_exporter's
/// collector registry): a collector that throws or cannot read what it needs is reported as
/// aitune_collector_success{collector="…"} 0, and the others are still exported.</summary>
/// <param name="clock">The time source of the durations: the system's, or a fixed one for golden files.</param>
/// <param name="toolVersion">The version label of aitune_build_info.</param>
public sealed class CollectorRegistry(TimeProvider clock, string toolVersion)
{
    public const string SuccessFamily = "aitune_collector_success";
    public const string DurationFamily = "aitune_collector_duration_seconds";
    public const string BuildInfoFamily = "aitune_build_info";

    private readonly List<IMetricCollector> collectors = [];

    public IReadOnlyList<string> Names => collectors.Select(c => c.Name).ToList();

    /// <summary>Adds a collector; its name must be new.</summary>
    public CollectorRegistry Add(IMetricCollector collector)
    {
        if (collectors.Any(c => c.Name == collector.Name))
        {
            throw new ArgumentException($"a collector named {collector.Name} is registered already", nameof(collector));
        }

        collectors.Add(collector);
        return this;
    }

    /// <summary>Runs every collector once, in the order added, waiting for each as long as it takes.</summary>
    public CollectedMetrics Collect(CancellationToken cancellation = default) => Collect(null, cancellation);

    /// <summary>Runs every collector once, in the order added.</summary>
    /// <param name="limit">When given, the collection waits for a collector only until the limit's budget (counted from
    /// the start of the collection) is spent: one that is still running then fails, with a note, and the collection
    /// goes on without its series (<see cref="RunWithin"/>).</param>
    public CollectedMetrics Collect(CollectorTimeLimit? limit, CancellationToken cancellation)
    {
        var families = new List<MetricFamily>();
        var runs = new List<CollectorRun>();
        var timed = limit is null ? null : RunWithin(limit, cancellation);
        for (int i = 0; i < collectors.Count; i++)
        {
            var collector = collectors[i];
            cancellation.ThrowIfCancellationRequested();
            var (output, failure, duration) = timed?[i] ?? Timed(collector);
            bool threw = failure is not null;
            if (!threw)
            {
                families.AddRange(output.Families);
            }

            runs.Add(new CollectorRun(collector.Name, !threw && output.Complete, duration,
                threw ? [.. output.Notes, failure!] : output.Notes));
        }

        List<MetricFamily> own =
        [
            MetricFamily.Gauge(SuccessFamily, "1 when the collector read everything it needs, 0 when a series it exports is missing for a reason other than the host lacking the feature",
                runs.ConvertAll(r => MetricSample.Of(r.Success ? 1 : 0, ("collector", r.Name)))),
            MetricFamily.Gauge(DurationFamily, "Seconds the collector took",
                runs.ConvertAll(r => MetricSample.Of(r.Duration.TotalSeconds, ("collector", r.Name)))),
            MetricFamily.Gauge(BuildInfoFamily, "aitune's version; always 1", [MetricSample.Of(1, ("version", toolVersion))]),
        ];
        SeriesCheck.Validate(own);
        families.AddRange(own);
        var sorted = families.FindAll(f => f.Samples.Count > 0);
        sorted.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        // Each collector's series were checked as it finished (Run): across collectors, a family declared twice is
        // the only way left to repeat a series.
        SeriesCheck.ValidateDeclarations(sorted);
        return new CollectedMetrics(sorted, runs);
    }

    /// <summary>Runs one collector: what it gathered, and null when it did not throw, else why it failed.</summary>
    private static (CollectorOutput Output, string? Failure) Run(IMetricCollector collector)
    {
        var output = new CollectorOutput();
        try
        {
            collector.Collect(output);
            // A collector's own mistake (a duplicate series) fails that collector, not the scrape.
            SeriesCheck.Validate(output.Families);

            return (output, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never a bare e.Message for framework exceptions: in the published binary it is a resource key.
            return (output, e is AiTuneException user ? user.Message
                : FileErrors.IsFileError(e) ? FileErrors.Describe(e)
                : $"{e.GetType().Name}: {e.Message}");
        }
    }

    private (CollectorOutput Output, string? Failure, TimeSpan Duration) Timed(IMetricCollector collector)
    {
        long start = clock.GetTimestamp();
        var (output, failure) = Run(collector);
        return (output, failure, clock.GetElapsedTime(start));
    }

    /// <summary>
    /// Runs the collectors in order on a thread of their own while the collection waits for each, until the limit's
    /// budget is spent. One still running then is given up on (its run goes on, writing into an output nothing
    /// reads), and the collectors after it are reported without being started. A thread of its own, not the thread
    /// pool's: a pool thread blocked in a read would be one fewer for the server, and a busy pool would delay a
    /// collector past its budget through no fault of its own.
    /// </summary>
    /// <remarks>A timed-out wait is the end of the budget, whatever the clock says after it: the wait's timer is
    /// coarser than the clock (a few milliseconds), and asking the clock again once let a collector after a given-up
    /// one start and be exported.</remarks>
    private (CollectorOutput Output, string? Failure, TimeSpan Duration)[] RunWithin(CollectorTimeLimit limit, CancellationToken cancellation)
    {
        long collectionStart = clock.GetTimestamp();
        var results = new (CollectorOutput Output, string? Failure, TimeSpan Duration)[collectors.Count];
        var thread = new CollectorThread(this, limit);
        new Thread(thread.RunAll) { IsBackground = true, Name = "aitune collectors" }.Start();
        for (int next = 0; next < collectors.Count; next++)
        {
            var left = limit.Budget - clock.GetElapsedTime(collectionStart);
            var result = thread.ResultOf(next);
            if (!result.Wait(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellation))
            {
                var state = thread.StopUnlessDone(next);
                if (state != CollectorThread.State.Done)
                {
                    if (state == CollectorThread.State.Running)
                    {
                        limit.GaveUpOn(collectors[next].Name, result);
                        results[next++] = (new CollectorOutput(), $"did not finish within the scrape's {Seconds(limit.Budget)} for collectors; its series are left out", left);
                    }

                    for (; next < collectors.Count; next++)
                    {
                        results[next] = (new CollectorOutput(), $"not started: the scrape's {Seconds(limit.Budget)} for collectors were spent", TimeSpan.Zero);
                    }

                    break;
                }
            }

            results[next] = result.GetAwaiter().GetResult();
        }

        return results;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";

    /// <summary>The collectors, run in order on one thread, each result published as it comes. Once the collection
    /// stops waiting, the thread ends after the collector it is in: whether that collector's result came in time and
    /// whether the thread starts another are decided under one lock.</summary>
    private sealed class CollectorThread(CollectorRegistry registry, CollectorTimeLimit limit)
    {
        private readonly Lock gate = new();
        private readonly TaskCompletionSource<(CollectorOutput Output, string? Failure, TimeSpan Duration)>[] results =
            CreateResults(registry.collectors.Count);

        private bool stopped;
        private int running = -1;

        public enum State
        {
            Done,
            Running,
            NotStarted,
        }

        private static TaskCompletionSource<(CollectorOutput, string?, TimeSpan)>[] CreateResults(int count)
        {
            var created = new TaskCompletionSource<(CollectorOutput, string?, TimeSpan)>[count];
            for (int i = 0; i < count; i++)
            {
                created[i] = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return created;
        }

        public Task<(CollectorOutput Output, string? Failure, TimeSpan Duration)> ResultOf(int index) => results[index].Task;

        /// <summary>Whether collector <paramref name="index"/> is done, still running or not started; unless done,
        /// the thread starts no other collector after this.</summary>
        public State StopUnlessDone(int index)
        {
            lock (gate)
            {
                if (results[index].Task.IsCompleted)
                {
                    return State.Done;
                }

                stopped = true;
                return running == index ? State.Running : State.NotStarted;
            }
        }

        public void RunAll()
        {
            for (int i = 0; i < registry.collectors.Count; i++)
            {
                lock (gate)
                {
                    if (stopped)
                    {
                        return;
                    }

                    running = i;
                }

                var collector = registry.collectors[i];
                (CollectorOutput, string?, TimeSpan) result;
                try
                {
                    result = limit.IsStillRunning(collector.Name)
                        ? (new CollectorOutput(), $"still running since an earlier scrape gave up on it after {Seconds(limit.Budget)}; not started again until it finishes", TimeSpan.Zero)
                        : registry.Timed(collector);
                }
                catch (Exception e)
                {
                    // A cancellation (the only exception Run lets through) belongs to the collection, not to this thread.
                    results[i].SetException(e);
                    return;
                }

                lock (gate)
                {
                    results[i].SetResult(result);
                }
            }
        }
    }
}
