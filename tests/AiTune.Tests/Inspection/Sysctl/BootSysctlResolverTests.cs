using AiTune.Inspection.Sysctl;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Sysctl;

public class BootSysctlResolverTests
{
    [Fact]
    public void Same_basename_etc_beats_run_beats_usr_local_lib_beats_usr_lib()
    {
        using var tree = new TempHostTree()
            .Write("/usr/lib/sysctl.d/50-a.conf", "vm.a = usr\n")
            .Write("/usr/local/lib/sysctl.d/50-a.conf", "vm.a = usrlocal\n")
            .Write("/run/sysctl.d/50-a.conf", "vm.a = run\n")
            .Write("/usr/lib/sysctl.d/50-b.conf", "vm.b = usr\n")
            .Write("/usr/local/lib/sysctl.d/50-b.conf", "vm.b = usrlocal\n")
            .Write("/usr/lib/sysctl.d/50-c.conf", "vm.c = usr\n")
            .Write("/etc/sysctl.d/50-c.conf", "vm.c = etc\n")
            .Write("/lib/sysctl.d/50-d.conf", "vm.d = lib\n");
        using var root = tree.Root();
        var boot = BootSysctlResolver.Read(root);

        Assert.Equal(["/run/sysctl.d/50-a.conf", "/usr/local/lib/sysctl.d/50-b.conf", "/etc/sysctl.d/50-c.conf", "/lib/sysctl.d/50-d.conf"], boot.Files);
        Assert.Equal("run", boot.Boot["vm.a"].Value);
        Assert.Equal("usrlocal", boot.Boot["vm.b"].Value);
        Assert.Equal("etc", boot.Boot["vm.c"].Value);
        Assert.Equal("lib", boot.Boot["vm.d"].Value);
        Assert.Empty(boot.Problems);
    }

    [Fact]
    public void Files_are_applied_by_basename_whatever_their_directory_and_the_latest_wins()
    {
        using var tree = new TempHostTree()
            .Write("/etc/sysctl.d/10-early.conf", "vm.swappiness = 10\n")
            .Write("/usr/lib/sysctl.d/50-vendor.conf", "# vendor\nvm.swappiness = 50\n")
            .Write("/etc/sysctl.d/99-late.conf", "vm.swappiness = 99\n")
            .Write("/etc/sysctl.d/README", "vm.swappiness = 1\n")
            .Write("/etc/sysctl.d/.hidden.conf", "vm.swappiness = 2\n")
            .Mkdir("/etc/sysctl.d/dir.conf");
        using var root = tree.Root();
        var boot = BootSysctlResolver.Read(root);

        Assert.Equal(["/etc/sysctl.d/10-early.conf", "/usr/lib/sysctl.d/50-vendor.conf", "/etc/sysctl.d/99-late.conf"], boot.Files);
        var winner = boot.Boot["vm.swappiness"];
        Assert.Equal(("99", "/etc/sysctl.d/99-late.conf", 1), (winner.Value, winner.File, winner.Line));
        Assert.Equal([("10", "/etc/sysctl.d/10-early.conf", 1), ("50", "/usr/lib/sysctl.d/50-vendor.conf", 2)],
            winner.Overridden.Select(a => (a.Value, a.File, a.Line)));
        Assert.Equal([("99", "/etc/sysctl.d/99-late.conf", 1)],
            boot.AssignmentsAfter("60-aitune.conf", "vm.swappiness").Select(a => (a.Value, a.File, a.Line)));
        Assert.Empty(boot.AssignmentsAfter("99-zzz-aitune.conf", "vm.swappiness"));
    }

    [Fact]
    public void A_dev_null_link_in_etc_masks_the_vendor_file()
    {
        using var tree = new TempHostTree()
            .Write("/usr/lib/sysctl.d/50-coredump.conf", "kernel.core_pattern = |/bin/false\n")
            .Link("/etc/sysctl.d/50-coredump.conf", "/dev/null");
        using var root = tree.Root();
        var boot = BootSysctlResolver.Read(root);

        Assert.Empty(boot.Files);
        Assert.Equal(["/usr/lib/sysctl.d/50-coredump.conf"], boot.Masked);
        Assert.False(boot.Boot.ContainsKey("kernel.core_pattern"));
        Assert.Empty(boot.Problems);
    }

    [Fact]
    public void The_99_sysctl_conf_link_applies_etc_sysctl_conf_once_at_its_place()
    {
        using var tree = new TempHostTree()
            .Write("/etc/sysctl.conf", "vm.swappiness = 1\n")
            .Link("/etc/sysctl.d/99-sysctl.conf", "../sysctl.conf")
            .Write("/etc/sysctl.d/99-zzz-cilium.conf", "vm.swappiness = 2\n");
        using var root = tree.Root();
        var boot = BootSysctlResolver.Read(root);

        Assert.Equal(["/etc/sysctl.d/99-sysctl.conf", "/etc/sysctl.d/99-zzz-cilium.conf"], boot.Files);
        Assert.Equal(("2", "/etc/sysctl.d/99-zzz-cilium.conf"), (boot.Boot["vm.swappiness"].Value, boot.Boot["vm.swappiness"].File));
        Assert.Equal("/etc/sysctl.d/99-sysctl.conf", Assert.Single(boot.Boot["vm.swappiness"].Overridden).File);
    }

    [Fact]
    public void Without_the_link_etc_sysctl_conf_comes_last_as_procps_applies_it()
    {
        using var tree = new TempHostTree()
            .Write("/etc/sysctl.conf", "vm.swappiness = 1\n")
            .Write("/etc/sysctl.d/99-zzz.conf", "vm.swappiness = 2\n");
        using var root = tree.Root();
        var boot = BootSysctlResolver.Read(root);

        Assert.Equal(["/etc/sysctl.d/99-zzz.conf", "/etc/sysctl.conf"], boot.Files);
        Assert.Equal("1", boot.Boot["vm.swappiness"].Value);
        Assert.Equal(["1"], boot.AssignmentsAfter("99-zzzz.conf", "vm.swappiness").Select(a => a.Value));
    }

    [Fact]
    public void An_explicit_key_beats_any_glob_and_an_exclusion_removes_a_key_from_globs()
    {
        var file = SysctlConfigParser.Parse(
            "net.ipv4.conf.default.rp_filter = 2\nnet.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.rp_filter\nnet.ipv4.conf.lo.rp_filter = 0\nnet.ipv4.conf.*.rp_filter = 1\n",
            "/usr/lib/sysctl.d/50-default.conf");
        var boot = BootSysctlResolver.Resolve([file]);

        Assert.Equal("1", boot.Boot["net.ipv4.conf.*.rp_filter"].Value);
        Assert.Equal("1", boot.EffectiveFor("net.ipv4.conf.eth0.rp_filter")!.Value);
        Assert.Equal("0", boot.EffectiveFor("net.ipv4.conf.lo.rp_filter")!.Value);
        Assert.Equal("2", boot.EffectiveFor("net.ipv4.conf.default.rp_filter")!.Value);
        Assert.Null(boot.EffectiveFor("net.ipv4.conf.all.rp_filter"));
        Assert.Null(boot.EffectiveFor("vm.swappiness"));
        Assert.Equal(["net.ipv4.conf.all.rp_filter"], boot.Excluded);
    }

    [Fact]
    public void A_later_exclusion_cancels_an_explicit_assignment_and_a_later_assignment_restores_it()
    {
        var first = SysctlConfigParser.Parse("vm.swappiness = 10\nvm.dirty_ratio = 5\n", "/usr/lib/sysctl.d/10-a.conf");
        var second = SysctlConfigParser.Parse("-vm.swappiness\n-vm.dirty_ratio\nvm.dirty_ratio = 7\n", "/etc/sysctl.d/20-b.conf");
        var boot = BootSysctlResolver.Resolve([first, second]);

        Assert.False(boot.Boot.ContainsKey("vm.swappiness"));
        Assert.Null(boot.EffectiveFor("vm.swappiness"));
        Assert.Equal(("7", 3), (boot.Boot["vm.dirty_ratio"].Value, boot.Boot["vm.dirty_ratio"].Line));
        Assert.Equal(["5"], boot.Boot["vm.dirty_ratio"].Overridden.Select(a => a.Value));
    }

    [Fact]
    public void Globs_are_written_in_systemd_order_a_changed_value_moves_a_glob_last_an_equal_one_does_not()
    {
        var first = SysctlConfigParser.Parse("net.ipv4.conf.*.rp_filter = 1\nnet.ipv4.conf.eth*.rp_filter = 2\n", "/usr/lib/sysctl.d/10-a.conf");
        var same = SysctlConfigParser.Parse("net.ipv4.conf.*.rp_filter = 1\n", "/etc/sysctl.d/20-b.conf");
        Assert.Equal("2", BootSysctlResolver.Resolve([first, same]).EffectiveFor("net.ipv4.conf.eth0.rp_filter")!.Value);

        var changed = SysctlConfigParser.Parse("net.ipv4.conf.*.rp_filter = 0\n", "/etc/sysctl.d/20-b.conf");
        var boot = BootSysctlResolver.Resolve([first, changed]);
        Assert.Equal(["net.ipv4.conf.eth*.rp_filter", "net.ipv4.conf.*.rp_filter"], boot.GlobOrder);
        Assert.Equal("0", boot.EffectiveFor("net.ipv4.conf.eth0.rp_filter")!.Value);
    }

    [Fact]
    public void An_unreadable_directory_or_file_is_a_problem_not_an_exception()
    {
        using var tree = new TempHostTree()
            .Write("/etc/sysctl.d/10-a.conf", "vm.a = 1\n")
            .Link("/etc/sysctl.d/20-out.conf", "../../../../../../../../etc/shadow")
            .Write("/run/sysctl.d", "not a directory");
        using var root = tree.Root();
        var boot = BootSysctlResolver.Read(root);

        Assert.Equal("1", boot.Boot["vm.a"].Value);
        Assert.Contains("/etc/sysctl.d/20-out.conf", boot.Files);
        Assert.NotEmpty(boot.Problems);
    }
}
