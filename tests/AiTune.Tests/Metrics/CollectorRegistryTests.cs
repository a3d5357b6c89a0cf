using AiTune.Facts;
using AiTune.Metrics;

namespace AiTune.Tests.Metrics;

public class CollectorRegistryTests
{
    private sealed class SteppingClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => ticks += 250;
    }

    private static DelegateCollector Good(string name, double value) =>
        new(name, o => o.Gauge($"aitune_{name}", name, [MetricSample.Of(value)]));

    [Fact]
    public void A_failing_collector_is_reported_and_the_others_are_still_exported()
    {
        var registry = new CollectorRegistry(new SteppingClock(), "9.9.9")
            .Add(Good("first", 1))
            .Add(new DelegateCollector("broken", o =>
            {
                o.Gauge("aitune_broken", "never exported", [MetricSample.Of(5)]);
                throw new InvalidOperationException("the file vanished");
            }))
            .Add(Good("last", 3));

        var collected = registry.Collect();
        var text = collected.Write(ExpositionFormat.PrometheusText);

        Assert.Contains("aitune_first 1\n", text);
        Assert.Contains("aitune_last 3\n", text);
        Assert.DoesNotContain("aitune_broken ", text);
        Assert.Contains("aitune_collector_success{collector=\"broken\"} 0\n", text);
        Assert.Contains("aitune_collector_success{collector=\"first\"} 1\n", text);
        Assert.Contains("aitune_collector_duration_seconds{collector=\"last\"} 0.25\n", text);
        Assert.Contains("aitune_build_info{version=\"9.9.9\"} 1\n", text);
        Assert.Contains("# collector broken failed: InvalidOperationException: the file vanished\n", text);
        Assert.Equal(["first", "broken", "last"], collected.Runs.Select(r => r.Name));
    }

    [Fact]
    public void Two_collectors_that_declare_one_family_fail_the_collection_before_anything_is_written()
    {
        var registry = new CollectorRegistry(new SteppingClock(), "1").Add(Good("same", 1)).Add(new DelegateCollector("other",
            o => o.Gauge("aitune_same", "again", [MetricSample.Of(2)])));

        var refused = Assert.Throws<InvalidExpositionException>(() => registry.Collect());

        Assert.Equal("aitune_same is declared twice", refused.Message);
    }

    [Fact]
    public void A_collection_in_utf8_is_its_text_without_a_byte_order_mark()
    {
        var collected = new CollectorRegistry(new SteppingClock(), "1 · µ").Add(Good("zeta", 1)).Collect();

        var bytes = collected.WriteUtf8(ExpositionFormat.OpenMetrics).ToArray();

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(collected.Write(ExpositionFormat.OpenMetrics)), bytes);
        Assert.Equal((byte)'#', bytes[0]);
        Assert.EndsWith("# EOF\n", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Families_are_sorted_by_name()
    {
        var collected = new CollectorRegistry(new SteppingClock(), "1").Add(Good("zeta", 1)).Add(Good("alpha", 2)).Collect();

        Assert.Equal(["aitune_alpha", "aitune_build_info", "aitune_collector_duration_seconds", "aitune_collector_success", "aitune_zeta"],
            collected.Families.Select(f => f.Name));
    }

    [Fact]
    public void An_unknown_fact_fails_the_collector_unless_the_host_lacks_the_feature()
    {
        var collected = new CollectorRegistry(new SteppingClock(), "1")
            .Add(new DelegateCollector("absent", o => o.Unknown("irq pressure", UnknownReason.Absent("/proc/pressure/irq"))))
            .Add(new DelegateCollector("denied", o => o.Unknown("journal", new UnknownReason(UnknownKind.PermissionDenied, "/var/lib/aitune: permission denied"))))
            .Collect();

        Assert.Equal([true, false], collected.Runs.Select(r => r.Success));
        Assert.Equal(["collector absent: irq pressure: /proc/pressure/irq does not exist", "collector denied failed: journal: /var/lib/aitune: permission denied"],
            collected.Comments);
    }

    [Fact]
    public void A_collector_that_writes_a_duplicate_series_fails_alone()
    {
        var collected = new CollectorRegistry(new SteppingClock(), "1")
            .Add(new DelegateCollector("twice", o => o.Gauge("aitune_twice", "t", [MetricSample.Of(1), MetricSample.Of(2)])))
            .Add(Good("fine", 1))
            .Collect();

        Assert.False(collected.Runs[0].Success);
        Assert.Contains("duplicate series aitune_twice{}", collected.Runs[0].Notes.Single());
        Assert.DoesNotContain(collected.Families, f => f.Name == "aitune_twice");
        Assert.Contains(collected.Families, f => f.Name == "aitune_fine");
    }

    [Fact]
    public void Collector_names_are_unique()
    {
        var registry = new CollectorRegistry(TimeProvider.System, "1").Add(Good("a", 1));

        Assert.Throws<ArgumentException>(() => registry.Add(Good("a", 2)));
    }
}
