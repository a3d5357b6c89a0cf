using AiTune.IntegrationTests.Support;

namespace AiTune.IntegrationTests.Contrib;

/// <summary>Runs tools/dashboard/check-dashboard.mjs from the repository root, as docs/dashboard.md shows.</summary>
public static class DashboardCheck
{
    public static string Script => Path.Join(GoldenFile.RepositoryRoot, "tools", "dashboard", "check-dashboard.mjs");

    /// <summary>The check's pinned packages (tools/dashboard/package-lock.json), installed once with `npm ci` when a
    /// fresh clone has none, as the lab's tests fetch their kernels: `dotnet test` alone sets up what it needs.</summary>
    private static readonly Lazy<string> Modules = new(() =>
    {
        string tools = Path.Join(GoldenFile.RepositoryRoot, "tools", "dashboard");
        string modules = Path.Join(tools, "node_modules");
        if (!Directory.Exists(modules))
        {
            var install = ExternalCommand.Run("npm", ["ci", "--no-audit", "--no-fund"], workingDirectory: tools);
            Assert.True(install.ExitCode == 0, $"npm ci in {tools} failed: {install.All}");
        }

        return modules;
    });

    /// <param name="dashboard">A path relative to the repository root.</param>
    /// <param name="prometheusUrl">Also run every query against this Prometheus, and fail an empty result.</param>
    public static ExternalCommand.Result Run(string dashboard, string? prometheusUrl = null)
    {
        _ = Modules.Value;
        var environment = new Dictionary<string, string?> { ["PROM_URL"] = prometheusUrl, ["REQUIRE_DATA"] = prometheusUrl is null ? null : "1" };
        return ExternalCommand.Run("node", [Script, dashboard], workingDirectory: GoldenFile.RepositoryRoot, environment: environment);
    }
}
