using AiTune.Hosting;
using AiTune.Inspection.Sysctl;
using AiTune.Tests.Support;
using AiTune.Tuning.Persistence;

namespace AiTune.Tests.Tuning.Persistence;

public class PersistencePlanTests
{
    private static readonly DateTimeOffset AppliedAt = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static PersistenceRequest Request(
        IReadOnlyList<(string, string)>? sysctls = null,
        IReadOnlyList<BlockSetting>? block = null,
        IReadOnlyList<(string, string)>? sysfs = null,
        IReadOnlyList<(string, string)>? cmdline = null) =>
        new("inference-throughput", AppliedAt, "alice", sysctls ?? [], block ?? [], sysfs ?? [], cmdline ?? []);

    private static BootSysctlConfiguration Fixture(string host)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return BootSysctlResolver.Read(root);
    }

    [Fact]
    public void Every_kind_renders_its_file_in_a_fixed_order_with_the_grub_step_as_a_note()
    {
        var plan = PersistencePlan.Build(Request(
            sysctls: [("vm.swappiness", "10"), ("vm.nr_hugepages", "16384")],
            block: [new BlockSetting("nvme", "scheduler", "none")],
            sysfs: [("/sys/kernel/mm/transparent_hugepage/enabled", "madvise")],
            cmdline: [("iommu", "pt")]), Fixture("xeon-2numa-nvidia"));

        Assert.Equal(
            [
                new RenderedFile("/etc/sysctl.d/81-aitune.conf", """
                    # Written by aitune: profile inference-throughput, applied 2025-06-01T12:00:00Z by alice. Remove with `aitune rollback`; do not edit.
                    vm.nr_hugepages = 16384
                    vm.swappiness = 10
                    """ + "\n"),
                new RenderedFile("/etc/udev/rules.d/99-aitune.rules", """
                    # Written by aitune: profile inference-throughput. Remove with `aitune rollback`; do not edit.
                    ACTION=="add|change", SUBSYSTEM=="block", ENV{DEVTYPE}=="disk", KERNEL=="nvme[0-9]*n[0-9]*", ATTR{queue/scheduler}="none"
                    """ + "\n"),
                new RenderedFile("/etc/tmpfiles.d/aitune.conf", """
                    # Written by aitune: profile inference-throughput. Remove with `aitune rollback`; do not edit.
                    w /sys/kernel/mm/transparent_hugepage/enabled - - - - madvise
                    """ + "\n"),
                new RenderedFile("/etc/default/grub.d/90-aitune.cfg", """
                    # Written by aitune: profile inference-throughput. Remove with `aitune rollback`; do not edit.
                    # Takes effect at the next boot once grub.cfg is regenerated: run update-grub (grub2-mkconfig -o /boot/grub2/grub.cfg on Fedora/RHEL), then reboot.
                    GRUB_CMDLINE_LINUX_DEFAULT="$GRUB_CMDLINE_LINUX_DEFAULT iommu=pt"
                    """ + "\n"),
            ],
            plan.Files);
        Assert.Equal("81-aitune.conf", plan.Sysctl!.FileName);
        Assert.Equal(["/etc/sysctl.d/80-hugepages.conf"], plan.Sysctl.Beats.Select(r => r.File));
        Assert.Empty(plan.Obsolete);
        Assert.Equal(["The kernel command line changes only after grub.cfg is regenerated: run update-grub (Debian, Ubuntu) or grub2-mkconfig -o /boot/grub2/grub.cfg (Fedora, RHEL), then reboot."],
            plan.Notes);
    }

    [Fact]
    public void Only_kinds_with_settings_get_a_file()
    {
        var plan = PersistencePlan.Build(Request(sysfs: [("/sys/kernel/mm/transparent_hugepage/defrag", "defer+madvise")]), BootSysctlConfiguration.Empty);

        Assert.Equal(["/etc/tmpfiles.d/aitune.conf"], plan.Files.Select(f => f.Path));
        Assert.Null(plan.Sysctl);
        Assert.Empty(plan.Notes);
    }

    [Fact]
    public void Nothing_to_persist_writes_nothing_and_obsoletes_everything_owned()
    {
        var plan = PersistencePlan.Build(Request() with { OwnedFiles = ["/etc/sysctl.d/81-aitune.conf", "/etc/default/grub.d/90-aitune.cfg"] },
            BootSysctlConfiguration.Empty);

        Assert.Empty(plan.Files);
        Assert.Equal(["/etc/sysctl.d/81-aitune.conf", "/etc/default/grub.d/90-aitune.cfg"], plan.Obsolete);
    }

    [Fact]
    public void An_owned_file_written_again_is_not_obsolete_and_a_sysctl_file_under_another_prefix_is()
    {
        var boot = BootSysctlResolver.Resolve(
        [
            SysctlConfigParser.Parse("vm.swappiness = 30\n", "/etc/sysctl.d/30-x.conf"),
            SysctlConfigParser.Parse("vm.swappiness = 5\n", "/etc/sysctl.d/81-aitune.conf"),
        ]);
        var plan = PersistencePlan.Build(Request(sysctls: [("vm.swappiness", "10")], block: [new BlockSetting("hdd", "scheduler", "bfq")]) with
        {
            OwnedFiles = ["/etc/sysctl.d/81-aitune.conf", "/etc/udev/rules.d/99-aitune.rules", "/etc/tmpfiles.d/aitune.conf"],
        }, boot);

        Assert.Equal(["/etc/sysctl.d/31-aitune.conf", "/etc/udev/rules.d/99-aitune.rules"], plan.Files.Select(f => f.Path));
        Assert.Equal(["/etc/sysctl.d/81-aitune.conf", "/etc/tmpfiles.d/aitune.conf"], plan.Obsolete);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/sysctl.d/99-sysctl.conf")]
    [InlineData("/etc/sysctl.d/1-aitune.conf")]
    [InlineData("/etc/sysctl.d/../shadow-aitune.conf")]
    [InlineData("/etc/udev/rules.d/60-aitune.rules")]
    public void An_owned_file_aitune_never_writes_is_refused(string path) =>
        Assert.Throws<AiTuneException>(() => PersistencePlan.Build(Request() with { OwnedFiles = [path] }, BootSysctlConfiguration.Empty));

    [Fact]
    public void Sysctl_lines_that_win_at_boot_become_notes()
    {
        var boot = BootSysctlResolver.Resolve(
        [
            SysctlConfigParser.Parse("vm.a = 1\nnet.ipv4.conf.*.rp_filter = 0\n-vm.c\nvm.d = 4\n", "/etc/sysctl.d/zz-local.conf"),
            SysctlConfigParser.Parse("vm.b = 2\n", SysctlConfigDiscovery.SysctlConf),
        ]);
        var plan = PersistencePlan.Build(Request(sysctls:
            [("vm.a", "10"), ("vm.b", "20"), ("net.ipv4.conf.all.rp_filter", "1"), ("vm.c", "30"), ("vm.d", "4")]), boot);

        Assert.Equal(
            [
                "/etc/sysctl.d/zz-local.conf:2 sets net.ipv4.conf.*.rp_filter = 0 and is applied after 10-aitune.conf: systemd-sysctl keeps aitune's net.ipv4.conf.all.rp_filter = 1 (an explicit key beats a glob), but procps `sysctl --system` would apply 0.",
                "/etc/sysctl.d/zz-local.conf:1 sets vm.a = 1 and is applied after 10-aitune.conf: it overrides aitune's vm.a = 10 at boot.",
                "/etc/sysctl.conf:1 sets vm.b = 2 and is applied after 10-aitune.conf: it overrides aitune's vm.b = 20 at boot.",
                "/etc/sysctl.d/zz-local.conf:3 excludes vm.c ('-vm.c') and is applied after 10-aitune.conf: systemd-sysctl will not set vm.c at boot.",
                "/etc/sysctl.d/zz-local.conf:4 also sets vm.d = 4 and is applied after 10-aitune.conf: the same value today, but that file has the last word on vm.d at boot.",
            ],
            plan.Notes);
    }

    [Fact]
    public void Unreadable_sysctl_configuration_is_a_note()
    {
        var boot = BootSysctlResolver.Resolve([SysctlConfigParser.Parse("not an assignment\n", "/etc/sysctl.d/50-broken.conf")]);
        var plan = PersistencePlan.Build(Request(sysctls: [("vm.swappiness", "10")]), boot);

        var note = Assert.Single(plan.Notes);
        Assert.StartsWith("Some sysctl configuration could not be read or parsed (/etc/sysctl.d/50-broken.conf:1", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Cpufreq_and_huge_page_writes_carry_their_boot_caveats()
    {
        var plan = PersistencePlan.Build(Request(sysfs:
        [
            ("/sys/devices/system/cpu/cpufreq/policy*/scaling_governor", "performance"),
            ("/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages", "4096"),
        ]), BootSysctlConfiguration.Empty);

        Assert.Equal(2, plan.Notes.Count);
        Assert.Contains("cpufreq driver is a module", plan.Notes[0], StringComparison.Ordinal);
        Assert.Contains("hugepages= on the kernel command line", plan.Notes[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_value_in_any_kind_fails_the_whole_plan()
    {
        Assert.Throws<AiTuneException>(() => PersistencePlan.Build(Request(
            sysctls: [("vm.swappiness", "10")], cmdline: [("iommu", "pt\"; reboot; \"")]), BootSysctlConfiguration.Empty));
        Assert.Throws<AiTuneException>(() => PersistencePlan.Build(Request(sysctls: [("vm.swappiness", "10")]) with { Profile = "x\ny" },
            BootSysctlConfiguration.Empty));
    }
}
