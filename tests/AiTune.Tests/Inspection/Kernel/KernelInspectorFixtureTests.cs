using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Kernel;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Kernel;

public class KernelInspectorFixtureTests
{
    /// <summary>The fixtures are judged as if captured on this day, so end-of-life answers do not drift with the calendar.</summary>
    private static readonly HostSource Captured = new("host tree", false, new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), null, null);

    private static KernelFacts Inspect(string host)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return KernelInspector.Inspect(root, Captured);
    }

    [Fact]
    public void Xeon_ubuntu_generic_kernel()
    {
        var kernel = Inspect("xeon-2numa-nvidia");

        Assert.Equal("6.8.0-51-generic", kernel.Release.Value);
        Assert.Equal("Linux version 6.8.0-51-generic (buildd@lcy02-amd64-091) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.3.0-6ubuntu2~24.04) 13.3.0, GNU ld (GNU Binutils for Ubuntu) 2.42) #52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024", kernel.Version.Value);
        Assert.Equal("x86_64", kernel.Architecture.Value);
        Assert.Equal(new KernelFlavor("generic", "ubuntu", "release suffix -generic (Ubuntu)"), kernel.Flavor.Value);
        Assert.Equal(new LongtermStatus("6.8", false, null, false, new DateOnly(2026, 11, 25)), kernel.Longterm.Value);
        Assert.Equal(PreemptionModel.Voluntary, kernel.Preemption.Value);
        Assert.True(kernel.PreemptDynamic.Value);
        Assert.Equal(1000, kernel.Hz.Value);
        Assert.Equal("/boot/config-6.8.0-51-generic", kernel.ConfigSource.Value);
        Assert.Equal(69, kernel.Config.Value.Count);
        Assert.Equal("y", kernel.Option("CONFIG_TRANSPARENT_HUGEPAGE_MADVISE").Value);
        Assert.Equal("n", kernel.Option("CONFIG_TRANSPARENT_HUGEPAGE_ALWAYS").Value);
        Assert.Equal("m", kernel.Option("CONFIG_MQ_IOSCHED_DEADLINE").Value);
        Assert.Equal("y", kernel.Option("CONFIG_NO_HZ_FULL").Value);
        Assert.Equal("landlock,lockdown,yama,integrity,apparmor", kernel.Option("CONFIG_LSM").Value);
        Assert.Equal("cubic", kernel.Option("CONFIG_DEFAULT_TCP_CONG").Value);
        Assert.Equal("n", kernel.Option("CONFIG_SCHED_CLASS_EXT").Value); // 6.8 has no sched_ext
        Assert.True(kernel.IsEnabled("CONFIG_ZRAM").Value);
        Assert.Equal(["BOOT_IMAGE", "root", "ro", "intel_iommu", "iommu", "hugepagesz", "hugepages", "quiet", "splash"],
            kernel.Cmdline.Value.Parameters.Select(p => p.Name));
        Assert.Equal("UUID=6c1f8a3e-52d4-4b7e-9f0a-3d2c1b4e5f60", kernel.Cmdline.Value.Get("root"));
        Assert.Equal(4097, kernel.Taint.Value.Mask);
        Assert.Equal("PO", new string(kernel.Taint.Value.Flags.Select(f => f.Letter).ToArray()));
        Assert.Equal(UnknownKind.Absent, kernel.SchedExt.Reason!.Kind);
    }

    [Fact]
    public void Epyc_debian_realtime_kernel()
    {
        var kernel = Inspect("epyc-amdgpu-rt-cgv1");

        Assert.Equal("6.1.0-28-rt-amd64", kernel.Release.Value);
        Assert.Equal("x86_64", kernel.Architecture.Value);
        Assert.Equal(new KernelFlavor("rt", null, "release 6.1.0-28-rt-amd64 names rt; PREEMPT_RT in /proc/version; CONFIG_PREEMPT_RT=y"), kernel.Flavor.Value);
        Assert.Equal(new LongtermStatus("6.1", true, new DateOnly(2027, 12, 31), false, new DateOnly(2026, 11, 25)), kernel.Longterm.Value);
        Assert.Equal(PreemptionModel.Rt, kernel.Preemption.Value);
        Assert.False(kernel.PreemptDynamic.Value);
        Assert.Equal(250, kernel.Hz.Value);
        Assert.Equal("/boot/config-6.1.0-28-rt-amd64", kernel.ConfigSource.Value);
        Assert.Equal(64, kernel.Config.Value.Count);
        Assert.Equal("n", kernel.Option("CONFIG_TRANSPARENT_HUGEPAGE").Value);
        Assert.Equal("y", kernel.Option("CONFIG_PSI_DEFAULT_DISABLED").Value);
        Assert.Equal("y", kernel.Option("CONFIG_NUMA_BALANCING").Value);
        Assert.Equal("n", kernel.Option("CONFIG_SECURITY_LOCKDOWN_LSM").Value);
        Assert.Equal("n", kernel.Option("CONFIG_PREEMPT_DYNAMIC").Value); // not in an RT 6.1 config at all
        Assert.Equal(["BOOT_IMAGE", "root", "ro", "quiet"], kernel.Cmdline.Value.Parameters.Select(p => p.Name));
        Assert.Empty(kernel.Taint.Value.Flags);
    }

    [Fact]
    public void Kvm_guest_arch_hardened_kernel_with_proc_config_gz()
    {
        var kernel = Inspect("kvm-hardened");

        Assert.Equal("6.12.10-hardened1-1-hardened", kernel.Release.Value);
        Assert.Equal("x86_64", kernel.Architecture.Value);
        Assert.Equal(new KernelFlavor("hardened", null, "release 6.12.10-hardened1-1-hardened names hardened1"), kernel.Flavor.Value);
        Assert.Equal(new LongtermStatus("6.12", true, new DateOnly(2028, 12, 31), false, new DateOnly(2026, 11, 25)), kernel.Longterm.Value);
        Assert.Equal(PreemptionModel.Full, kernel.Preemption.Value);
        Assert.True(kernel.PreemptDynamic.Value);
        Assert.Equal(300, kernel.Hz.Value);
        Assert.Equal("/proc/config.gz", kernel.ConfigSource.Value);
        Assert.Equal(71, kernel.Config.Value.Count);
        foreach (var option in new[] { "CONFIG_INIT_ON_ALLOC_DEFAULT_ON", "CONFIG_INIT_ON_FREE_DEFAULT_ON", "CONFIG_HARDENED_USERCOPY",
                     "CONFIG_SLAB_FREELIST_HARDENED", "CONFIG_RANDOMIZE_KSTACK_OFFSET_DEFAULT", "CONFIG_SECURITY_LOCKDOWN_LSM",
                     "CONFIG_SCHED_CLASS_EXT", "CONFIG_IOMMU_DEFAULT_DMA_STRICT", "CONFIG_LRU_GEN_ENABLED" })
        {
            Assert.Equal("y", kernel.Option(option).Value);
        }

        Assert.Equal("landlock,lockdown,yama,integrity,bpf", kernel.Option("CONFIG_LSM").Value);
        Assert.Equal("confidentiality", kernel.Cmdline.Value.Get("lockdown"));
        Assert.Equal("auto,nosmt", kernel.Cmdline.Value.Get("mitigations"));
        Assert.Equal("", kernel.Cmdline.Value.Get("slab_nomerge"));
        Assert.Empty(kernel.Taint.Value.Flags);
        Assert.Equal(UnknownKind.Absent, kernel.SchedExt.Reason!.Kind);
    }

    [Fact]
    public void Every_fixture_has_a_known_release_version_config_and_command_line()
    {
        foreach (var host in FixturePaths.AllHosts())
        {
            var kernel = Inspect(host);
            Assert.True(kernel.Release.IsKnown, host);
            Assert.True(kernel.Version.IsKnown, host);
            Assert.True(kernel.Config.IsKnown, host);
            Assert.True(kernel.Cmdline.IsKnown, host);
        }
    }
}
