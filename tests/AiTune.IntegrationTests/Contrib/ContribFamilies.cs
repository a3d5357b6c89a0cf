using System.Text.RegularExpressions;
using AiTune.IntegrationTests.Support;

namespace AiTune.IntegrationTests.Contrib;

/// <summary>The aitune_ metric families that the shipped dashboard and rules name, and those the sample exposition
/// (tests/fixtures/metrics/sample.prom, written per the metric contract) declares.</summary>
public static partial class ContribFamilies
{
    public static string SamplePath => Path.Join(GoldenFile.RepositoryRoot, "tests", "fixtures", "metrics", "sample.prom");

    /// <summary>Families with a TYPE line.</summary>
    public static HashSet<string> Declared(string exposition) =>
        TypeLine().Matches(exposition).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>Every aitune_ metric name in a text (recording rules are named aitune:…, not aitune_…).</summary>
    public static HashSet<string> Referenced(string text) =>
        MetricName().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"^# TYPE (\w+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"(?<![\w:])aitune_[a-z_]+[a-z]")]
    private static partial Regex MetricName();
}
