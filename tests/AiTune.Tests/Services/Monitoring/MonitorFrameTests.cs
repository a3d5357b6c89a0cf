using AiTune.Metrics;
using AiTune.Services.Monitoring;

namespace AiTune.Tests.Services.Monitoring;

public class MonitorFrameTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 18, 0, 0, TimeSpan.Zero);

    private static CollectedMetrics Metrics(IReadOnlyList<MetricFamily> families, params CollectorRun[] runs) =>
        new(families, runs.Length > 0 ? runs : [new CollectorRun("pressure", true, TimeSpan.Zero, []), new CollectorRun("tuning", true, TimeSpan.Zero, [])]);

    private static MetricFamily Pressure(double cpuSome, double cpuFull, double ioSome) =>
        MetricFamily.Counter("aitune_pressure_stalled_seconds_total", "h",
        [
            MetricSample.Of(cpuSome, ("resource", "cpu"), ("kind", "some")),
            MetricSample.Of(cpuFull, ("resource", "cpu"), ("kind", "full")),
            MetricSample.Of(ioSome, ("resource", "io"), ("kind", "some")),
        ]);

    private static MetricFamily Thp(double alloc, double fallback) =>
        MetricFamily.Counter("aitune_thp_events_total", "h",
            [MetricSample.Of(alloc, ("event", "fault_alloc")), MetricSample.Of(fallback, ("event", "fault_fallback")), MetricSample.Of(5, ("event", "split_page"))]);

    [Fact]
    public void Pressure_is_the_stall_seconds_gained_over_the_wall_time_between_the_samples()
    {
        var before = Metrics([Pressure(10, 1, 100)]);
        var after = Metrics([Pressure(10.5, 1.25, 101)]);

        var frame = MonitorFrame.From(before, after, TimeSpan.FromSeconds(2), At);

        Assert.Equal(TimeSpan.FromSeconds(2), frame.Interval);
        Assert.Null(frame.RatesAbsent);
        Assert.Equal(["cpu", "memory", "io", "irq"], frame.Pressure.Select(p => p.Resource));
        Assert.Equal(new PressureRow("cpu", 0.25, 0.125), frame.Pressure[0]);
        Assert.Equal(new PressureRow("io", 0.5, null), frame.Pressure[2]);
    }

    [Fact]
    public void A_resource_the_samples_do_not_hold_is_unknown_not_zero()
    {
        var frame = MonitorFrame.From(Metrics([Pressure(1, 1, 1)]), Metrics([Pressure(1, 1, 1)]), TimeSpan.FromSeconds(1), At);

        Assert.Equal(new PressureRow("memory", null, null, Reported: false), frame.Pressure[1]);
        Assert.Equal(new PressureRow("cpu", 0, 0), frame.Pressure[0]); // present and still: a true zero
    }

    [Fact]
    public void Thp_faults_become_rates_and_the_fallback_share_of_all_faults()
    {
        var frame = MonitorFrame.From(Metrics([Thp(1000, 100)]), Metrics([Thp(1030, 110)]), TimeSpan.FromSeconds(0.5), At);

        Assert.Equal(60, frame.Thp.FaultAllocPerSecond);
        Assert.Equal(20, frame.Thp.FaultFallbackPerSecond);
        Assert.Equal(0.25, frame.Thp.FallbackShare);
    }

    [Fact]
    public void No_fault_in_the_interval_has_rates_of_zero_and_no_share()
    {
        var frame = MonitorFrame.From(Metrics([Thp(7, 3)]), Metrics([Thp(7, 3)]), TimeSpan.FromSeconds(1), At);

        Assert.Equal(0, frame.Thp.FaultAllocPerSecond);
        Assert.Equal(0, frame.Thp.FaultFallbackPerSecond);
        Assert.Null(frame.Thp.FallbackShare);
    }

    [Fact]
    public void A_counter_that_went_back_has_no_rate()
    {
        var frame = MonitorFrame.From(Metrics([Thp(1000, 100), Pressure(50, 0, 0)]), Metrics([Thp(10, 120), Pressure(1, 0, 0)]), TimeSpan.FromSeconds(1), At);

        Assert.Null(frame.Thp.FaultAllocPerSecond);
        Assert.Equal(20, frame.Thp.FaultFallbackPerSecond);
        Assert.Null(frame.Thp.FallbackShare);
        Assert.Null(frame.Pressure[0].Some);
    }

    [Fact]
    public void One_sample_has_no_rates_and_says_why()
    {
        var frame = MonitorFrame.From(null, Metrics([Thp(1000, 100), Pressure(50, 0, 0)]), TimeSpan.Zero, At, "a snapshot");

        Assert.Null(frame.Interval);
        Assert.Equal("a snapshot", frame.RatesAbsent);
        Assert.All(frame.Pressure, p => Assert.Equal((null, null), (p.Some, p.Full)));
        Assert.Equal([true, false, true, false], frame.Pressure.Select(p => p.Reported));
        Assert.Null(frame.Thp.FaultAllocPerSecond);
        Assert.Equal(MonitorFrame.OneSampleReason, MonitorFrame.From(null, Metrics([]), TimeSpan.Zero, At).RatesAbsent);
    }

    [Fact]
    public void Gauges_are_the_latest_sample_and_missing_ones_are_null()
    {
        var before = Metrics([MetricFamily.Gauge("aitune_memory_available_bytes", "h", [MetricSample.Of(1)])]);
        var after = Metrics(
        [
            MetricFamily.Gauge("aitune_memory_available_bytes", "h", [MetricSample.Of(3L << 30)]),
            MetricFamily.Gauge("aitune_kernel_info", "h", [MetricSample.Of(1, ("release", "6.12.8"), ("flavor", "generic"), ("preemption", "full"), ("longterm_branch", "6.12"))]),
            MetricFamily.Gauge("aitune_thp_enabled", "h", [MetricSample.Of(0, ("mode", "always")), MetricSample.Of(1, ("mode", "madvise")), MetricSample.Of(0, ("mode", "never"))]),
        ]);

        var frame = MonitorFrame.From(before, after, TimeSpan.FromSeconds(1), At);

        Assert.Equal(3L << 30, frame.MemoryAvailableBytes);
        Assert.Null(frame.MemoryTotalBytes);
        Assert.Equal("6.12.8", frame.KernelRelease);
        Assert.Equal("madvise", frame.Thp.Enabled);
        Assert.Null(frame.Thp.Defrag);
        Assert.Equal(At, frame.TakenAt);
    }

    [Fact]
    public void Huge_pages_are_one_row_per_size_and_node_in_order_with_the_request_beside_them()
    {
        const string Big = "1073741824";
        const string Small = "2097152";
        var now = Metrics(
        [
            MetricFamily.Gauge("aitune_hugepages_pool_pages", "h",
                [MetricSample.Of(8, ("page_size_bytes", Big), ("node", "0")), MetricSample.Of(4096, ("page_size_bytes", Small), ("node", "10")), MetricSample.Of(512, ("page_size_bytes", Small), ("node", "2"))]),
            MetricFamily.Gauge("aitune_hugepages_free_pages", "h",
                [MetricSample.Of(2, ("page_size_bytes", Big), ("node", "0")), MetricSample.Of(4000, ("page_size_bytes", Small), ("node", "10"))]),
            MetricFamily.Gauge("aitune_hugepages_requested_pages", "h", [MetricSample.Of(16, ("page_size_bytes", Big), ("source", "cmdline"))]),
        ]);

        var frame = MonitorFrame.From(null, now, TimeSpan.Zero, At);

        Assert.Equal(
        [
            new HugePageNodeRow(2097152, "2", 512, null, null),
            new HugePageNodeRow(2097152, "10", 4096, 4000, null),
            new HugePageNodeRow(1073741824, "0", 8, 2, null),
        ], frame.HugePages);
        Assert.Equal([new HugePageRequest(1073741824, "cmdline", 16)], frame.HugePageRequests);
    }

    [Fact]
    public void Drifted_knobs_are_named_and_a_failed_tuning_collector_is_unknown_not_no_profile()
    {
        var states = MetricFamily.Gauge("aitune_tuning_knob_state", "h",
        [
            MetricSample.Of(1, ("knob", "sysctl:vm.swappiness"), ("state", "drifted")), MetricSample.Of(0, ("knob", "sysctl:vm.swappiness"), ("state", "pass")),
            MetricSample.Of(0, ("knob", "thp:enabled"), ("state", "drifted")), MetricSample.Of(1, ("knob", "thp:enabled"), ("state", "pass")),
            MetricSample.Of(1, ("knob", "cmdline:hugepages"), ("state", "pending_reboot")),
        ]);
        var profile = MetricFamily.Gauge("aitune_tuning_profile_info", "h", [MetricSample.Of(1, ("profile", "inference-latency"))]);

        var applied = MonitorFrame.From(null, Metrics([profile, states]), TimeSpan.Zero, At).Tuning;
        var none = MonitorFrame.From(null, Metrics([]), TimeSpan.Zero, At).Tuning;
        var failed = MonitorFrame.From(null, Metrics([], new CollectorRun("tuning", false, TimeSpan.Zero, ["journal unreadable"])), TimeSpan.Zero, At);

        Assert.True(applied.Known);
        Assert.Equal("inference-latency", applied.Profile);
        Assert.Equal(["sysctl:vm.swappiness"], applied.DriftedKnobs);
        Assert.Equal(["cmdline:hugepages"], applied.PendingRebootKnobs);
        Assert.True(none.Known);
        Assert.Null(none.Profile);
        Assert.False(failed.Tuning.Known);
        Assert.Equal("tuning", failed.Failures.Single().Collector);
        Assert.Equal(["journal unreadable"], failed.Failures.Single().Notes);
    }

    [Fact]
    public void Accelerators_keep_their_names_and_an_unknown_numa_node_is_null()
    {
        var now = Metrics([MetricFamily.Gauge("aitune_accelerator_info", "h",
        [
            MetricSample.Of(1, ("vendor", "nvidia"), ("model", "NVIDIA H100 80GB HBM3"), ("driver", "nvidia"), ("numa_node", "1"), ("pci_address", "0000:98:00.0")),
            MetricSample.Of(1, ("vendor", "amd"), ("model", "MI300X"), ("driver", "amdgpu"), ("numa_node", "-1"), ("pci_address", "0000:c1:00.0")),
        ])]);

        Assert.Equal(
        [
            new AcceleratorRow("nvidia", "NVIDIA H100 80GB HBM3", "1", "0000:98:00.0"),
            new AcceleratorRow("amd", "MI300X", null, "0000:c1:00.0"),
        ], MonitorFrame.From(null, now, TimeSpan.Zero, At).Accelerators);
    }
}
