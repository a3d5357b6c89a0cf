using AiTune.IntegrationTests.Support;

namespace AiTune.IntegrationTests.Contrib;

/// <summary>Runs tools/dashboard/check-dashboard.mjs from the repository root, as docs/dashboard.md shows.</summary>
public static class DashboardCheck
{
    public static string Script => Path.Join(GoldenFile.RepositoryRoot, "tools", "dashboard", "check-dashboard.mjs");

    /// <param name="dashboard">A path relative to the repository root.</param>
    /// <param name="prometheusUrl">Also run every query against this Prometheus, and fail an empty result.</param>
    public static ExternalCommand.Result Run(string dashboard, string? prometheusUrl = null)
    {
        string modules = Path.Join(GoldenFile.RepositoryRoot, "tools", "dashboard", "node_modules");
        Assert.True(Directory.Exists(modules), $"{modules} is missing: run `(cd tools/dashboard && npm ci)` (.ci/run does)");
        var environment = new Dictionary<string, string?> { ["PROM_URL"] = prometheusUrl, ["REQUIRE_DATA"] = prometheusUrl is null ? null : "1" };
        return ExternalCommand.Run("node", [Script, dashboard], workingDirectory: GoldenFile.RepositoryRoot, environment: environment);
    }
}
