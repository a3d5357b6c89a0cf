using System.Text;
using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Inspection.Kernel;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Kernel;

public class KernelInspectorTreeTests
{
    private static readonly HostSource Tree = new("host tree", false, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), null, null);

    private static TempHostTree Minimal(string release = "6.12.9-arch1-1") => new TempHostTree()
        .Write("/proc/sys/kernel/osrelease", release + "\n")
        .Write("/proc/version", $"Linux version {release} (linux@archlinux) (gcc (GCC) 14.2.1 20250110, GNU ld (GNU Binutils) 2.43.1) #1 SMP PREEMPT_DYNAMIC Fri, 10 Jan 2025 00:00:00 +0000\n")
        .Write("/proc/cmdline", "root=/dev/vda2 rw\n")
        .Write("/proc/sys/kernel/tainted", "0\n");

    [Fact]
    public void A_gzip_bomb_in_proc_config_gz_makes_the_config_unreadable()
    {
        using var tree = Minimal().WriteBytes("/proc/config.gz", BoundedGzipTests.Compress(new byte[40 << 20]));
        using var root = tree.Root();

        var kernel = KernelInspector.Inspect(root, Tree);

        Assert.Equal(UnknownKind.Unreadable, kernel.Config.Reason!.Kind);
        Assert.Equal("/proc/config.gz decompresses to more than 16 MiB (not read further)", kernel.Config.Reason.Detail);
        Assert.Equal(UnknownKind.Unreadable, kernel.Hz.Reason!.Kind);
        Assert.Equal(UnknownKind.Unreadable, kernel.ConfigSource.Reason!.Kind);
        Assert.Equal(UnknownKind.Unreadable, kernel.Option("CONFIG_NUMA").Reason!.Kind);
        Assert.Equal(PreemptionModel.Dynamic, kernel.Preemption.Value);
        Assert.True(kernel.PreemptDynamic.Value);
        Assert.Equal("6.12.9-arch1-1", kernel.Release.Value);
    }

    [Fact]
    public void A_damaged_proc_config_gz_is_passed_over_for_boot_config()
    {
        using var tree = Minimal()
            .WriteBytes("/proc/config.gz", [0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02])
            .Write("/boot/config-6.12.9-arch1-1", "#\n# Linux/x86 6.12.9 Kernel Configuration\n#\nCONFIG_X86_64=y\nCONFIG_HZ_300=y\nCONFIG_HZ=300\nCONFIG_PREEMPT=y\nCONFIG_PREEMPT_DYNAMIC=y\n");
        using var root = tree.Root();

        var kernel = KernelInspector.Inspect(root, Tree);

        Assert.Equal("/boot/config-6.12.9-arch1-1", kernel.ConfigSource.Value);
        Assert.Equal(300, kernel.Hz.Value);
        Assert.Equal(PreemptionModel.Full, kernel.Preemption.Value);
        Assert.Equal("x86_64", kernel.Architecture.Value);
    }

    [Fact]
    public void Lib_modules_config_is_the_last_place_tried()
    {
        using var tree = Minimal().Write("/lib/modules/6.12.9-arch1-1/config", "CONFIG_ARM64=y\nCONFIG_HZ=250\n# CONFIG_PREEMPT is not set\nCONFIG_PREEMPT_NONE=y\n");
        using var root = tree.Root();

        var kernel = KernelInspector.Inspect(root, Tree);

        Assert.Equal("/lib/modules/6.12.9-arch1-1/config", kernel.ConfigSource.Value);
        Assert.Equal("aarch64", kernel.Architecture.Value);
        Assert.Equal(PreemptionModel.None, kernel.Preemption.Value);
    }

    [Fact]
    public void No_config_anywhere_is_absent_and_says_where_it_looked()
    {
        using var tree = Minimal();
        using var root = tree.Root();

        var kernel = KernelInspector.Inspect(root, Tree);

        Assert.Equal(UnknownKind.Absent, kernel.Config.Reason!.Kind);
        Assert.Equal("no kernel config: none of /proc/config.gz, /boot/config-6.12.9-arch1-1 and /lib/modules/6.12.9-arch1-1/config exists", kernel.Config.Reason.Detail);
        Assert.Equal(UnknownKind.Absent, kernel.Architecture.Reason!.Kind);
        Assert.True(kernel.PreemptDynamic.Value);
        Assert.Equal(new KernelFlavor("generic", "arch", "release 6.12.9-arch1-1 names Arch Linux's default kernel (archN)"), kernel.Flavor.Value);
    }

    [Fact]
    public void The_snapshot_machine_then_proc_sys_kernel_arch_name_the_architecture()
    {
        using var tree = Minimal().Write("/proc/sys/kernel/arch", "riscv64\n").Write("/boot/config-6.12.9-arch1-1", "CONFIG_X86_64=y\n");
        using var root = tree.Root();

        Assert.Equal("riscv64", KernelInspector.Inspect(root, Tree).Architecture.Value);
        Assert.Equal("ppc64le", KernelInspector.Inspect(root, Tree with { Machine = "ppc64le" }).Architecture.Value);
    }

    [Fact]
    public void The_debugfs_mode_beats_the_boot_choice_on_a_dynamic_kernel()
    {
        using var tree = Minimal()
            .Write("/proc/cmdline", "root=/dev/vda2 preempt=voluntary\n")
            .Write("/sys/kernel/debug/sched/preempt", "none voluntary full (lazy)\n")
            .Write("/sys/kernel/sched_ext/state", "enabled\n");
        using var root = tree.Root();

        var kernel = KernelInspector.Inspect(root, Tree);

        Assert.Equal(PreemptionModel.Lazy, kernel.Preemption.Value);
        Assert.Equal("enabled", kernel.SchedExt.Value);
    }

    [Fact]
    public void A_malformed_option_line_makes_that_option_unknown_not_n()
    {
        using var tree = Minimal().Write("/boot/config-6.12.9-arch1-1", "CONFIG_X86_64=y\nCONFIG_HZ=300 ticks\nCONFIG_NUMA=y\n");
        using var root = tree.Root();

        var kernel = KernelInspector.Inspect(root, Tree);

        Assert.Equal(UnknownKind.Malformed, kernel.Hz.Reason!.Kind);
        Assert.Equal("/boot/config-6.12.9-arch1-1: the line of CONFIG_HZ is not in Kconfig's format", kernel.Option("CONFIG_HZ").Reason!.Detail);
        Assert.Equal("y", kernel.Option("CONFIG_NUMA").Value);
        Assert.Equal("n", kernel.Option("CONFIG_PSI").Value);
        Assert.Equal(UnknownKind.NotCaptured, kernel.Option("CONFIG_EXT4_FS").Reason!.Kind);
    }

    [Theory]
    [InlineData("CONFIG_HZ=0\n")]
    [InlineData("CONFIG_HZ=99999999999\n")]
    [InlineData("CONFIG_HZ=\"fast\"\n")]
    public void An_absurd_tick_rate_is_malformed(string config)
    {
        using var tree = Minimal().Write("/boot/config-6.12.9-arch1-1", config);
        using var root = tree.Root();

        Assert.Equal(UnknownKind.Malformed, KernelInspector.Inspect(root, Tree).Hz.Reason!.Kind);
    }

    [Fact]
    public void Junk_in_every_file_gives_unknown_facts_not_exceptions()
    {
        var junk = Encoding.Latin1.GetString([0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x80]);
        using var tree = new TempHostTree()
            .Write("/proc/sys/kernel/osrelease", junk)
            .Write("/proc/version", junk)
            .Write("/proc/cmdline", junk)
            .Write("/proc/sys/kernel/tainted", junk)
            .Write("/sys/kernel/sched_ext/state", junk)
            .Write("/proc/sys/kernel/arch", junk)
            .WriteBytes("/proc/config.gz", Encoding.Latin1.GetBytes(junk));
        using var root = tree.Root();

        var kernel = KernelInspector.Inspect(root, Tree);

        Assert.Equal(UnknownKind.Malformed, kernel.Release.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, kernel.Version.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, kernel.Taint.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, kernel.SchedExt.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, kernel.Config.Reason!.Kind);
        Assert.False(kernel.Flavor.IsKnown);
        Assert.False(kernel.Longterm.IsKnown);
        Assert.True(kernel.Cmdline.IsKnown);
    }

    [Fact]
    public void The_live_host_has_a_release_a_version_line_and_a_command_line()
    {
        using var root = new AiTune.Hosting.FileSystemHostRoot("/");

        var kernel = KernelInspector.Inspect(root, new HostSource("the live host", true, DateTimeOffset.UtcNow, null, null));

        var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        Assert.Equal(release, kernel.Release.Value);
        Assert.StartsWith($"Linux version {release} ", kernel.Version.Value);
        Assert.True(kernel.Cmdline.IsKnown);
        Assert.True(kernel.Flavor.IsKnown);
        Assert.True(kernel.Longterm.IsKnown);
        Assert.True(kernel.Taint.IsKnown);
    }
}
