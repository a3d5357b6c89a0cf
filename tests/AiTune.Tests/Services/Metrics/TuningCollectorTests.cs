using AiTune.Metrics;
using AiTune.Services.Metrics;
using AiTune.Tuning.Verification;

namespace AiTune.Tests.Services.Metrics;

public class TuningCollectorTests
{
    private static readonly DateTimeOffset AppliedAt = new(2026, 11, 30, 8, 15, 0, 500, TimeSpan.Zero);

    private static VerifyReport Report(params KnobCheck[] checks) =>
        new("inference-throughput", AppliedAt, "alice via sudo", false, ["/etc/sysctl.d/60-aitune.conf"], checks);

    [Fact]
    public void Each_knob_is_a_stateset_and_not_applied_counts_as_drifted()
    {
        var output = new CollectorOutput();
        TuningCollector.Export(output, Report(
            new KnobCheck("sysctl:vm.swappiness", "/proc/sys/vm/swappiness", "10", "10", "10", KnobStatus.Pass, null, "kept by /etc/sysctl.d/60-aitune.conf"),
            new KnobCheck("sysctl:vm.max_map_count", "/proc/sys/vm/max_map_count", "1048576", "65530", "1048576", KnobStatus.Drifted, "changed outside aitune", null),
            new KnobCheck("sysctl:kernel.numa_balancing", "/proc/sys/kernel/numa_balancing", "0", "1", null, KnobStatus.NotApplied, "apply failed", null),
            new KnobCheck("cmdline:hugepages", null, "16", null, null, KnobStatus.PendingReboot, null, null),
            new KnobCheck("block:nvme0n1:scheduler", null, "none", null, null, KnobStatus.Skipped, "no such drive", null)));
        var text = ExpositionWriter.Write(output.Families, ExpositionFormat.PrometheusText);

        Assert.Contains("aitune_tuning_profile_info{profile=\"inference-throughput\"} 1\n", text);
        Assert.Contains("aitune_tuning_applied_timestamp_seconds 1796026500.5\n", text);
        Assert.Contains("aitune_tuning_drifted_knobs 2\n", text);
        Assert.Contains("aitune_tuning_knob_state{knob=\"sysctl:vm.swappiness\",state=\"pass\"} 1\naitune_tuning_knob_state{knob=\"sysctl:vm.swappiness\",state=\"drifted\"} 0\naitune_tuning_knob_state{knob=\"sysctl:vm.swappiness\",state=\"pending_reboot\"} 0\n", text);
        Assert.Contains("aitune_tuning_knob_state{knob=\"sysctl:kernel.numa_balancing\",state=\"drifted\"} 1\n", text);
        Assert.Contains("aitune_tuning_knob_state{knob=\"cmdline:hugepages\",state=\"pending_reboot\"} 1\n", text);
        Assert.DoesNotContain("block:nvme0n1", text);
        Assert.DoesNotContain("aitune_tuning_boot_override", text);
    }

    [Fact]
    public void The_files_that_override_aitune_at_boot_are_named_once_each()
    {
        var report = Report(
            new KnobCheck("sysctl:vm.swappiness", null, "10", "10", "10", KnobStatus.Pass, null,
                "overridden at boot by /etc/sysctl.d/99-local.conf:3 (60), /usr/lib/sysctl.d/99-z.conf:1 (-vm.swappiness: systemd-sysctl leaves it unset)")
            { OverridingFiles = ["/etc/sysctl.d/99-local.conf", "/usr/lib/sysctl.d/99-z.conf"] },
            new KnobCheck("sysctl:vm.max_map_count", null, "1048576", "1048576", "1048576", KnobStatus.Pass, null,
                "overridden at boot by /etc/sysctl.d/99-local.conf:4 (65530)") { OverridingFiles = ["/etc/sysctl.d/99-local.conf"] },
            new KnobCheck("sysctl:vm.dirty_ratio", null, "10", "10", "10", KnobStatus.Pass, null,
                "not persisted: at the next boot /etc/sysctl.conf:7 sets 20"));

        Assert.Equal(["/etc/sysctl.d/99-local.conf", "/usr/lib/sysctl.d/99-z.conf"], TuningCollector.OverridingFiles(report));
    }
}
