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

    /// <summary>Runs every collector once, in the order added.</summary>
    public CollectedMetrics Collect(CancellationToken cancellation = default)
    {
        var families = new List<MetricFamily>();
        var runs = new List<CollectorRun>();
        foreach (var collector in collectors)
        {
            cancellation.ThrowIfCancellationRequested();
            var output = new CollectorOutput();
            long start = clock.GetTimestamp();
            bool threw = false;
            string? failure = null;
            try
            {
                collector.Collect(output);
                // A collector's own mistake (a duplicate series) fails that collector, not the scrape.
                if (SeriesCheck.Problems(output.Families).FirstOrDefault() is { } problem)
                {
                    throw new InvalidExpositionException(problem);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                threw = true;
                // Never a bare e.Message for framework exceptions: in the published binary it is a resource key.
                failure = e is AiTuneException user ? user.Message
                    : FileErrors.IsFileError(e) ? FileErrors.Describe(e)
                    : $"{e.GetType().Name}: {e.Message}";
            }

            var duration = clock.GetElapsedTime(start);
            if (!threw)
            {
                families.AddRange(output.Families);
            }

            runs.Add(new CollectorRun(collector.Name, !threw && output.Complete, duration,
                threw ? [.. output.Notes, failure!] : output.Notes));
        }

        families.Add(MetricFamily.Gauge(SuccessFamily, "1 when the collector read everything it needs, 0 when a series it exports is missing for a reason other than the host lacking the feature",
            runs.Select(r => MetricSample.Of(r.Success ? 1 : 0, ("collector", r.Name))).ToList()));
        families.Add(MetricFamily.Gauge(DurationFamily, "Seconds the collector took",
            runs.Select(r => MetricSample.Of(r.Duration.TotalSeconds, ("collector", r.Name))).ToList()));
        families.Add(MetricFamily.Gauge(BuildInfoFamily, "aitune's version; always 1", [MetricSample.Of(1, ("version", toolVersion))]));
        var sorted = families.Where(f => f.Samples.Count > 0).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        SeriesCheck.Validate(sorted);
        return new CollectedMetrics(sorted, runs);
    }
}
