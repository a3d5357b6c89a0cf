using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Memory;
using AiTune.Inspection.Sysctl;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Sysctl;

public class SysctlInspectorTests
{
    [Fact]
    public void Runtime_values_have_whitespace_collapsed_and_each_failure_is_its_own()
    {
        using var tree = new TempHostTree()
            .Write("/proc/sys/net/ipv4/tcp_rmem", "4096\t131072\t6291456\n")
            .Write("/proc/sys/vm/swappiness", "60\n");
        using var root = tree.Root();
        var facts = SysctlInspector.Inspect(root, ["net.ipv4.tcp_rmem", "vm.swappiness", "vm.missing", "../../etc/passwd"]);

        Assert.Equal("4096 131072 6291456", facts.Get("net.ipv4.tcp_rmem").Value);
        Assert.Equal(60, facts.GetLong("vm.swappiness").Value);
        Assert.Equal(UnknownKind.Absent, facts.Get("vm.missing").Reason?.Kind);
        Assert.Equal(UnknownKind.Malformed, facts.Get("../../etc/passwd").Reason?.Kind);
        Assert.Equal(UnknownKind.NotCaptured, facts.Get("vm.never_asked").Reason?.Kind);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("  a \t b\n\nc  ", "a b c")]
    [InlineData("cubic\n", "cubic")]
    public void CollapseWhitespace_trims_and_joins(string text, string expected) => Assert.Equal(expected, SysctlInspector.CollapseWhitespace(text));

    [Fact]
    public void Xeon_boot_configuration_follows_ubuntu_precedence()
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host("xeon-2numa-nvidia"));
        var facts = SysctlInspector.Inspect(root, MemoryInspector.SysctlKeys);

        Assert.Equal(
            [
                "/etc/sysctl.d/10-console-messages.conf", "/etc/sysctl.d/10-kernel-hardening.conf", "/etc/sysctl.d/10-magic-sysrq.conf",
                "/etc/sysctl.d/10-network-security.conf", "/etc/sysctl.d/10-ptrace.conf", "/etc/sysctl.d/10-zeropage.conf",
                "/usr/lib/sysctl.d/50-default.conf", "/usr/lib/sysctl.d/50-pid-max.conf", "/etc/sysctl.d/80-hugepages.conf",
                "/etc/sysctl.d/99-sysctl.conf",
            ],
            facts.BootFiles);
        Assert.Equal(["/usr/lib/sysctl.d/50-coredump.conf"], facts.BootConfiguration.Masked);
        Assert.Empty(facts.BootConfiguration.Problems);
        Assert.Equal(("12288", "/etc/sysctl.d/80-hugepages.conf", 3), (facts.Boot["vm.nr_hugepages"].Value, facts.Boot["vm.nr_hugepages"].File, facts.Boot["vm.nr_hugepages"].Line));
        Assert.Equal(8192, facts.GetLong("vm.nr_hugepages").Value);
        // 50-default.conf (kernel.sysrq = 16) sorts after 10-magic-sysrq.conf: the vendor default wins at boot.
        var sysrq = facts.Boot["kernel.sysrq"];
        Assert.Equal(("16", "/usr/lib/sysctl.d/50-default.conf"), (sysrq.Value, sysrq.File));
        Assert.Equal("/etc/sysctl.d/10-magic-sysrq.conf", Assert.Single(sysrq.Overridden).File);
        Assert.True(facts.BootConfiguration.Assignments.Single(a => a.Key == "net.core.default_qdisc").IgnoreFailure);
        // 50-default.conf's "-net.ipv4.conf.all.rp_filter" comes after 10-network-security.conf's explicit value and,
        // in systemd-sysctl, replaces it: boot leaves "all" alone, while the glob sets every interface.
        Assert.Null(facts.BootConfiguration.EffectiveFor("net.ipv4.conf.all.rp_filter"));
        Assert.Contains("net.ipv4.conf.all.rp_filter", facts.BootConfiguration.Excluded);
        // Both files set "default" to 2: the later file is reported as the one that sets it, the earlier as overridden.
        var defaultFilter = facts.Boot["net.ipv4.conf.default.rp_filter"];
        Assert.Equal(("2", "/usr/lib/sysctl.d/50-default.conf"), (defaultFilter.Value, defaultFilter.File));
        Assert.Equal("/etc/sysctl.d/10-network-security.conf", Assert.Single(defaultFilter.Overridden).File);
        Assert.Equal("2", facts.BootConfiguration.EffectiveFor("net.ipv4.conf.eno1.rp_filter")!.Value);
        Assert.False(facts.Boot.ContainsKey("kernel.core_pattern"));
    }

    [Fact]
    public void Epyc_etc_sysctl_conf_arrives_through_the_debian_link()
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host("epyc-amdgpu-rt-cgv1"));
        var facts = SysctlInspector.Inspect(root, MemoryInspector.SysctlKeys);

        Assert.Equal(["/usr/lib/sysctl.d/50-pid-max.conf", "/usr/lib/sysctl.d/99-protect-links.conf", "/etc/sysctl.d/99-sysctl.conf"], facts.BootFiles);
        Assert.Equal(("1", "/etc/sysctl.d/99-sysctl.conf", 16), (facts.Boot["vm.overcommit_memory"].Value, facts.Boot["vm.overcommit_memory"].File, facts.Boot["vm.overcommit_memory"].Line));
        Assert.Equal("2", facts.Boot["fs.protected_regular"].Value);
        Assert.Equal(1, facts.GetLong("vm.overcommit_memory").Value);
    }

    [Fact]
    public void Kvm_hardening_file_sorts_after_the_vendor_defaults_and_uses_a_slashed_key()
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host("kvm-hardened"));
        var facts = SysctlInspector.Inspect(root, MemoryInspector.SysctlKeys);

        Assert.Equal(
            [
                "/usr/lib/sysctl.d/10-arch.conf", "/usr/lib/sysctl.d/50-coredump.conf", "/usr/lib/sysctl.d/50-default.conf",
                "/usr/lib/sysctl.d/50-pid-max.conf", "/etc/sysctl.d/90-hardening.conf", "/etc/sysctl.d/99-vm-zram-parameters.conf",
            ],
            facts.BootFiles);
        Assert.Equal(("2", 6), (facts.Boot["kernel.yama.ptrace_scope"].Value, facts.Boot["kernel.yama.ptrace_scope"].Line));
        Assert.Equal(("0", "/etc/sysctl.d/90-hardening.conf"), (facts.Boot["kernel.sysrq"].Value, facts.Boot["kernel.sysrq"].File));
        Assert.Equal(("0", "/etc/sysctl.d/90-hardening.conf"), (facts.Boot["fs.suid_dumpable"].Value, facts.Boot["fs.suid_dumpable"].File));
        Assert.Equal("180", facts.Boot["vm.swappiness"].Value);
        Assert.Equal("0", facts.Boot["vm.page-cluster"].Value);
        Assert.Equal(180, facts.GetLong("vm.swappiness").Value);
        Assert.Equal(1048576, facts.GetLong("vm.max_map_count").Value);
        Assert.Equal("1048576", facts.Boot["vm.max_map_count"].Value);
    }
}
