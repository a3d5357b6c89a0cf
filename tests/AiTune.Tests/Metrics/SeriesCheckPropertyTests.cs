using AiTune.Metrics;
using CsCheck;

namespace AiTune.Tests.Metrics;

/// <summary>The series check finds duplicates by hash and exact comparison; the reference here builds the key string
/// of every series, as the check once did. On random families from a small alphabet (so that duplicates, labels in
/// another order and empty values are frequent) both must report the same duplicates.</summary>
public sealed class SeriesCheckPropertyTests
{
    private static readonly Gen<MetricLabel> AnyLabel =
        Gen.Select(Gen.OneOfConst("a", "b", "c"), Gen.OneOfConst("", "0", "1", "x\"y", "\\"), (name, value) => new MetricLabel(name, value));

    /// <summary>Each name once: a series that gives a name twice is refused for that already, and which series it
    /// repeats is then moot.</summary>
    private static readonly Gen<MetricSample> AnySample = AnyLabel.Array[0, 3].Select(labels => new MetricSample(labels.DistinctBy(l => l.Name).ToArray(), 1));

    private static readonly Gen<MetricFamily> AnyFamily = AnySample.Array[0, 8].Select(samples => MetricFamily.Gauge("aitune_x", "x", samples));

    [Fact]
    public void Duplicates_are_found_as_the_key_strings_found_them()
    {
        AnyFamily.Sample(family => Assert.Equal(Reference(family), SeriesCheck.Problems([family]).ToList()), iter: 5000);
    }

    [Fact]
    public void A_series_repeated_after_another_series_is_still_found()
    {
        var family = MetricFamily.Gauge("aitune_x", "x",
        [
            MetricSample.Of(1, ("a", "0")),
            MetricSample.Of(1, ("b", "1")),
            MetricSample.Of(1, ("b", "1"), ("a", "")),
        ]);

        Assert.Equal(["duplicate series aitune_x{b=\"1\"}"], SeriesCheck.Problems([family]).ToList());
    }

    private static List<string> Reference(MetricFamily family)
    {
        var problems = new List<string>();
        var series = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in family.Samples)
        {
            var labels = sample.Labels;
            var key = string.Join(",", labels.Where(l => l.Value.Length > 0).OrderBy(l => l.Name, StringComparer.Ordinal)
                .Select(l => $"{l.Name}=\"{ExpositionText.EscapeLabelValue(l.Value)}\""));
            if (!series.Add(key))
            {
                problems.Add($"duplicate series aitune_x{{{key}}}");
            }
        }

        return problems;
    }
}
