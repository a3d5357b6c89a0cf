using AiTune.Services.Metrics;
using AiTune.Services.Monitoring;
using AiTune.Tests.Metrics;
using AiTune.Tests.Support;

namespace AiTune.Tests.Services.Monitoring;

public class HostMonitorTests
{
    private static MetricsRequest Fixture(string name) => MetricsRequest.Default with { Root = FixturePaths.Host(name) };

    [Fact]
    public void A_skipped_collector_does_not_run_and_leaves_no_series()
    {
        var metrics = new HostMetrics("test", FixedClock.Default)
            .Collect(Fixture("xeon-2numa-nvidia") with { SkippedCollectors = HostMonitor.Skipped });

        Assert.DoesNotContain(metrics.Runs, r => r.Name is "audit" or "benchmarks");
        Assert.DoesNotContain(metrics.Families, f => f.Name.StartsWith("aitune_audit_", StringComparison.Ordinal));
        Assert.DoesNotContain(metrics.Families.Single(f => f.Name == "aitune_collector_success").Samples,
            s => s.Labels.Any(l => l.Value is "audit" or "benchmarks"));
        Assert.Contains(metrics.Runs, r => r.Name == "tuning");
    }

    [Fact]
    public void A_fixture_gives_one_frame_of_its_gauges_without_rates_and_says_why()
    {
        var monitor = new HostMonitor(new HostMetrics("test", FixedClock.Default), Fixture("xeon-2numa-nvidia"), FixedClock.Default);

        var frame = monitor.Once(TimeSpan.FromHours(1)); // a tree's counters do not move: no second sample, no wait

        Assert.False(monitor.Live);
        Assert.Null(frame.Interval);
        Assert.Equal(HostMonitor.SnapshotReason, frame.RatesAbsent);
        Assert.Equal("6.8.0-51-generic", frame.KernelRelease);
        Assert.Equal(540632711168, frame.MemoryTotalBytes);
        Assert.Equal(4, frame.HugePages.Count);
        Assert.Equal(new HugePageNodeRow(1073741824, "1", 8, 8, 0), frame.HugePages[^1]);
        Assert.Equal([new HugePageRequest(2097152, "sysctl", 12288), new HugePageRequest(1073741824, "cmdline", 16)], frame.HugePageRequests);
        Assert.Equal(("madvise", "madvise"), (frame.Thp.Enabled, frame.Thp.Defrag));
        Assert.Equal(new AcceleratorRow("nvidia", "NVIDIA H100 80GB HBM3", "1", "0000:98:00.0"), frame.Accelerators.Single());
        Assert.True(frame.Tuning.Known);
        Assert.Null(frame.Tuning.Profile);
        Assert.Empty(frame.Failures);
    }
}
