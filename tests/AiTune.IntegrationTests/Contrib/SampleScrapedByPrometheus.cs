using AiTune.IntegrationTests.Support;

namespace AiTune.IntegrationTests.Contrib;

/// <summary>One Prometheus and node_exporter for a test class: the sample exposition in the textfile directory, the
/// shipped rules loaded.</summary>
public sealed class SampleScrapedByPrometheus : IAsyncLifetime
{
    private PrometheusAndNodeExporter? _servers;

    public PrometheusAndNodeExporter Servers => _servers ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() =>
        _servers = await PrometheusAndNodeExporter.StartAsync(
            File.ReadAllText(ContribFamilies.SamplePath),
            [Path.Join(GoldenFile.RepositoryRoot, "contrib", "prometheus", "aitune-alerts.yml")]);

    public Task DisposeAsync()
    {
        _servers?.Dispose();
        return Task.CompletedTask;
    }
}
