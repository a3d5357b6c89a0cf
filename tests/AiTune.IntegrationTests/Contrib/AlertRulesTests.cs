using System.Text.RegularExpressions;
using AiTune.IntegrationTests.Support;

namespace AiTune.IntegrationTests.Contrib;

/// <summary>The shipped Prometheus rules, checked and unit-tested by promtool (Debian's prometheus package).</summary>
public partial class AlertRulesTests
{
    private static string Rules => Path.Join(GoldenFile.RepositoryRoot, "contrib", "prometheus", "aitune-alerts.yml");

    private static string RuleTests => Path.Join(GoldenFile.RepositoryRoot, "contrib", "prometheus", "aitune-alerts.test.yml");

    [Fact]
    public void Promtool_accepts_the_rules()
    {
        var result = ExternalCommand.Run("promtool", ["check", "rules", Rules]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("  SUCCESS: 14 rules found\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unit_tests_of_the_rules_pass()
    {
        var result = ExternalCommand.Run("promtool", ["test", "rules", RuleTests]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("  SUCCESS\n", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("            value: 4096\n", "            value: 4095\n", "exp: {__name__=\"aitune:hugepages_shortfall:pages\"")]
    [InlineData("exp_labels: {severity: info,", "exp_labels: {severity: warning,", "alertname: AituneKernelEndOfLifeSoon, time: 1h,")]
    public void A_broken_expectation_fails_the_unit_tests(string expected, string broken, string reported)
    {
        var copy = Directory.CreateTempSubdirectory("aitune-rules-");
        try
        {
            File.Copy(Rules, Path.Join(copy.FullName, "aitune-alerts.yml"));
            string tests = File.ReadAllText(RuleTests);
            int at = tests.IndexOf(expected, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{expected} is not in {RuleTests}");
            File.WriteAllText(Path.Join(copy.FullName, "aitune-alerts.test.yml"), string.Concat(tests.AsSpan(0, at), broken, tests.AsSpan(at + expected.Length)));

            var result = ExternalCommand.Run("promtool", ["test", "rules", Path.Join(copy.FullName, "aitune-alerts.test.yml")]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("FAILED:", result.All, StringComparison.Ordinal);
            Assert.Contains(reported, result.All, StringComparison.Ordinal);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_alert_is_tested_firing_and_on_a_healthy_host()
    {
        string rules = File.ReadAllText(Rules);
        string tests = File.ReadAllText(RuleTests);
        var alerts = AlertName().Matches(rules).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(11, alerts.Count);
        Assert.All(alerts, alert =>
        {
            Assert.Matches($@"alertname: {alert}\n\s+exp_alerts:\n\s+- exp_labels:", tests);
            Assert.Contains($"{{eval_time: 180m, alertname: {alert}, exp_alerts: []}}", tests, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_aitune_family_the_rules_read_is_in_the_sample_exposition()
    {
        var families = ContribFamilies.Declared(File.ReadAllText(ContribFamilies.SamplePath));

        var used = ContribFamilies.Referenced(File.ReadAllText(Rules));

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(families));
    }

    [Fact]
    public void The_sample_exposition_lints_clean()
    {
        var result = ExternalCommand.Run("promtool", ["check", "metrics"], standardInput: File.ReadAllText(ContribFamilies.SamplePath));

        Assert.Equal("", result.All);
        Assert.Equal(0, result.ExitCode);
    }

    [GeneratedRegex(@"^\s+- alert: (\w+)$", RegexOptions.Multiline)]
    private static partial Regex AlertName();
}
