using AiTune.Metrics;
using AiTune.Metrics.Http;

namespace AiTune.Services.Metrics;

/// <summary>What <c>aitune serve</c> answers a scrape with: one collection of <see cref="HostMetrics"/> for the
/// request, written in the format the scraper asked for. The endpoint calls it one scrape at a time per format.</summary>
public sealed class ServedMetrics
{
    private readonly HostMetrics metrics;
    private readonly MetricsRequest request;
    private readonly CollectorTimeLimit limit;

    private ServedMetrics(HostMetrics metrics, MetricsRequest request, CollectorTimeLimit limit)
    {
        this.metrics = metrics;
        this.request = request;
        this.limit = limit;
    }

    /// <summary>Checks the request by collecting once (a wrong root, profile or cgroup throws
    /// <see cref="AiTuneException"/> here, before anything listens).</summary>
    /// <param name="collectorBudget">How long each collection waits for its collectors
    /// (<see cref="MetricsServerLimits.CollectorBudget"/>); a collector still running then is reported as failed.</param>
    public static ServedMetrics Start(string toolVersion, MetricsRequest request, TimeSpan collectorBudget, TimeProvider? clock = null)
    {
        var metrics = new HostMetrics(toolVersion, clock ?? TimeProvider.System);
        var limit = new CollectorTimeLimit(collectorBudget);
        metrics.Collect(request, limit, CancellationToken.None);
        return new ServedMetrics(metrics, request, limit);
    }

    /// <summary>The exposition of a fresh collection. The collection is synchronous (it reads files), so it runs on
    /// the thread pool rather than on the connection's thread.</summary>
    public Task<string> ProduceAsync(ExpositionFormat format, CancellationToken cancel) =>
        Task.Run(() => metrics.Collect(request, limit, cancel).Write(format == ExpositionFormat.OpenMetrics ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText), cancel);
}
