using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Cpu;
using AiTune.Inspection.Kernel;
using AiTune.Tests.Inspection.Coexistence;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Cpu;

public class SchedulerTunablesTests
{
    private static readonly Fact<KernelCommandLine> NoCmdline = KernelCommandLine.Parse("root=/dev/vda2 rw");
    private static readonly Fact<string> NoLockdown = "none";

    private static IReadOnlyDictionary<string, string> Values(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value);

    [Fact]
    public void Xeon_eevdf_kernel_has_base_slice_and_no_latency()
    {
        var tunables = CpuInspectorTests.Inspect(new FileSystemHostRoot(FixturePaths.Host("xeon-2numa-nvidia"))).SchedulerTunables;

        Assert.Equal(Values(("base_slice_ns", "3000000"), ("migration_cost_ns", "500000"), ("nr_migrate", "32"), ("tunable_scaling", "1")), tunables.Value);
    }

    [Fact]
    public void Epyc_cfs_kernel_reads_min_granularity_as_base_slice()
    {
        var tunables = CpuInspectorTests.Inspect(new FileSystemHostRoot(FixturePaths.Host("epyc-amdgpu-rt-cgv1"))).SchedulerTunables;

        Assert.Equal(Values(("base_slice_ns", "3000000"), ("migration_cost_ns", "500000"), ("nr_migrate", "8"), ("latency_ns", "24000000"),
            ("wakeup_granularity_ns", "4000000"), ("tunable_scaling", "1")), tunables.Value);
    }

    [Fact]
    public void Kvm_hardened_under_lockdown_says_so()
    {
        var tunables = CpuInspectorTests.Inspect(new FileSystemHostRoot(FixturePaths.Host("kvm-hardened"))).SchedulerTunables;

        Assert.Equal(new UnknownReason(UnknownKind.Absent, "/sys/kernel/debug/sched cannot be read: /sys/kernel/debug does not exist; besides, the kernel is locked down (confidentiality), which blocks reading the scheduler's debugfs files even for root"),
            tunables.Reason);
    }

    [Fact]
    public void This_vm_capture_has_no_debugfs()
    {
        var tunables = CpuInspectorTests.Inspect(new FileSystemHostRoot(FixturePaths.Host("this-vm"))).SchedulerTunables;

        Assert.Equal(new UnknownReason(UnknownKind.Absent, "/sys/kernel/debug/sched cannot be read: /sys/kernel/debug does not exist"), tunables.Reason);
    }

    [Fact]
    public void Before_5_13_the_tunables_are_sysctls()
    {
        using var tree = new TempHostTree()
            .Write("/proc/sys/kernel/sched_min_granularity_ns", "2250000\n")
            .Write("/proc/sys/kernel/sched_latency_ns", "18000000\n")
            .Write("/proc/sys/kernel/sched_wakeup_granularity_ns", "3000000\n")
            .Write("/proc/sys/kernel/sched_migration_cost_ns", "500000\n")
            .Write("/proc/sys/kernel/sched_nr_migrate", "32\n")
            .Write("/proc/sys/kernel/sched_tunable_scaling", "1\n")
            .Write("/sys/kernel/debug/sched/base_slice_ns", "999\n");
        using var root = tree.Root();

        var tunables = SchedulerTunables.Read(root, "5.4.0-150-generic", NoCmdline, NoLockdown);

        Assert.Equal(Values(("base_slice_ns", "2250000"), ("migration_cost_ns", "500000"), ("nr_migrate", "32"), ("latency_ns", "18000000"),
            ("wakeup_granularity_ns", "3000000"), ("tunable_scaling", "1")), tunables.Value);
    }

    [Fact]
    public void Before_5_13_without_sched_debug_there_are_none()
    {
        using var tree = new TempHostTree().Write("/proc/sys/kernel/osrelease", "5.10.0\n");
        using var root = tree.Root();

        Assert.Equal(new UnknownReason(UnknownKind.Absent, "none of /proc/sys/kernel/sched_* exists: the kernel (5.10) is built without CONFIG_SCHED_DEBUG"),
            SchedulerTunables.Read(root, "5.10.0", NoCmdline, NoLockdown).Reason);
    }

    [Fact]
    public void A_kernel_without_smp_lacks_some_names_and_keeps_the_others()
    {
        using var tree = new TempHostTree().Write("/sys/kernel/debug/sched/base_slice_ns", "700000\n");
        using var root = tree.Root();

        Assert.Equal(Values(("base_slice_ns", "700000")), SchedulerTunables.Read(root, "6.17.1", NoCmdline, NoLockdown).Value);
    }

    [Fact]
    public void Debugfs_not_mounted_is_told_apart_from_a_kernel_without_sched_debug()
    {
        using var empty = new TempHostTree().Mkdir("/sys/kernel/debug");
        using var off = new TempHostTree().Mkdir("/sys/kernel/debug");
        using var noSched = new TempHostTree().Write("/sys/kernel/debug/tracing/README", "x\n");
        using var emptySched = new TempHostTree().Write("/sys/kernel/debug/sched/verbose", "N\n");

        Assert.Equal(new UnknownReason(UnknownKind.Absent, "debugfs is not mounted at /sys/kernel/debug (mount -t debugfs none /sys/kernel/debug)"),
            SchedulerTunables.Read(empty.Root(), "6.8.0", NoCmdline, NoLockdown).Reason);
        Assert.Equal(new UnknownReason(UnknownKind.Absent, "debugfs is not mounted at /sys/kernel/debug (the command line says debugfs=off)"),
            SchedulerTunables.Read(off.Root(), "6.8.0", KernelCommandLine.Parse("root=/dev/sda1 debugfs=off"), NoLockdown).Reason);
        Assert.Equal(new UnknownReason(UnknownKind.Absent, "debugfs has no sched directory: the kernel is built without CONFIG_SCHED_DEBUG"),
            SchedulerTunables.Read(noSched.Root(), "6.8.0", NoCmdline, NoLockdown).Reason);
        Assert.Equal(new UnknownReason(UnknownKind.Absent, "/sys/kernel/debug/sched holds none of the scheduler tunables"),
            SchedulerTunables.Read(emptySched.Root(), "6.8.0", NoCmdline, NoLockdown).Reason);
    }

    [Fact]
    public void Lockdown_or_root_only_debugfs_is_named_as_the_cause()
    {
        var eperm = new UnknownReason(UnknownKind.PermissionDenied, "permission denied reading /sys/kernel/debug/sched/base_slice_ns (needs root)");
        using var root = new ScriptedHostRoot().FailingFile("/sys/kernel/debug/sched/base_slice_ns", eperm);

        Assert.Equal(new UnknownReason(UnknownKind.PermissionDenied, "permission denied reading /sys/kernel/debug/sched/base_slice_ns (needs root): the kernel is locked down (integrity), and lockdown makes debugfs refuse its writable files even to root"),
            SchedulerTunables.Read(root, "6.8.0", NoCmdline, "integrity").Reason);
        Assert.Equal(new UnknownReason(UnknownKind.PermissionDenied, "permission denied reading /sys/kernel/debug/sched/base_slice_ns (needs root): debugfs is readable by root only"),
            SchedulerTunables.Read(root, "6.8.0", NoCmdline, NoLockdown).Reason);

        var denied = new UnknownReason(UnknownKind.PermissionDenied, "permission denied listing /sys/kernel/debug (needs root)");
        using var unlistable = new ScriptedHostRoot().Listing("/sys/kernel/debug", Fact.Unknown<IReadOnlyList<HostEntry>>(denied));
        Assert.Equal(new UnknownReason(UnknownKind.PermissionDenied, "permission denied listing /sys/kernel/debug: debugfs is readable by root only"),
            SchedulerTunables.Read(unlistable, "6.8.0", NoCmdline, NoLockdown).Reason);
    }

    [Theory]
    [InlineData("-1\n")]
    [InlineData("3000000 ms\n")]
    [InlineData("\u0000\u0001")]
    [InlineData("99999999999999999999999\n")]
    public void A_value_that_is_not_a_number_makes_the_tunables_malformed(string content)
    {
        using var tree = new TempHostTree().Write("/sys/kernel/debug/sched/base_slice_ns", content);

        Assert.Equal(UnknownKind.Malformed, SchedulerTunables.Read(tree.Root(), "6.8.0", NoCmdline, NoLockdown).Reason!.Kind);
    }

    [Fact]
    public void An_unknown_release_makes_the_place_unknown()
    {
        using var tree = new TempHostTree().Write("/sys/kernel/debug/sched/base_slice_ns", "1\n");
        var release = Fact.Unknown<string>(UnknownReason.Absent("/proc/sys/kernel/osrelease"));

        Assert.Equal(new UnknownReason(UnknownKind.Absent, "the kernel version decides where the scheduler tunables live, and it is unknown: /proc/sys/kernel/osrelease does not exist"),
            SchedulerTunables.Read(tree.Root(), release, NoCmdline, NoLockdown).Reason);
        Assert.Equal(UnknownKind.Malformed, SchedulerTunables.Read(tree.Root(), "linux", NoCmdline, NoLockdown).Reason!.Kind);
    }

    [Theory]
    [InlineData("base_slice_ns", 5, 10, "/proc/sys/kernel/sched_min_granularity_ns")]
    [InlineData("latency_ns", 5, 12, "/proc/sys/kernel/sched_latency_ns")]
    [InlineData("base_slice_ns", 5, 13, "/sys/kernel/debug/sched/min_granularity_ns")]
    [InlineData("wakeup_granularity_ns", 6, 5, "/sys/kernel/debug/sched/wakeup_granularity_ns")]
    [InlineData("base_slice_ns", 6, 6, "/sys/kernel/debug/sched/base_slice_ns")]
    [InlineData("migration_cost_ns", 6, 18, "/sys/kernel/debug/sched/migration_cost_ns")]
    [InlineData("latency_ns", 6, 6, null)]
    [InlineData("wakeup_granularity_ns", 7, 0, null)]
    [InlineData("sched_child_runs_first", 5, 4, null)]
    public void Each_name_lives_where_its_kernel_put_it(string name, int major, int minor, string? path)
    {
        Assert.Equal(path, SchedulerTunables.PathOf(name, new KernelVersion(major, minor)));
    }

    [Fact]
    public void Live_tunables_are_read_or_the_reason_is_given()
    {
        using var root = new FileSystemHostRoot("/");
        var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var tunables = SchedulerTunables.Read(root, release, KernelCommandLine.Parse(File.ReadAllText("/proc/cmdline")), NoLockdown);

        if (Directory.Exists("/sys/kernel/debug/sched") && File.Exists("/sys/kernel/debug/sched/base_slice_ns"))
        {
            Assert.Equal(File.ReadAllText("/sys/kernel/debug/sched/base_slice_ns").Trim(), tunables.Value["base_slice_ns"]);
        }
        else if (Directory.Exists("/sys/kernel/debug") && !Directory.EnumerateFileSystemEntries("/sys/kernel/debug").Any())
        {
            Assert.StartsWith("debugfs is not mounted at /sys/kernel/debug", tunables.Reason!.Detail);
        }
        else
        {
            Assert.False(tunables.IsKnown);
        }
    }
}
