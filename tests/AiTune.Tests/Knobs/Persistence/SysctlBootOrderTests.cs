using AiTune.Inspection;
using AiTune.Inspection.Sysctl;
using AiTune.Knobs.Persistence;
using AiTune.Tests.Support;
using AiTune.Tuning.Persistence;

namespace AiTune.Tests.Knobs.Persistence;

/// <summary>Host trees with rival files in the places systemd-sysctl and procps read: the name apply picks
/// (<see cref="SysctlDropIn.Plan"/>), the name the audit gives (<see cref="SysctlDropInName.PathFor"/>) and what verify
/// reports as overriding (<see cref="SysctlDropInName.OverridingAtBoot"/>) come from one order, so they agree.</summary>
public class SysctlBootOrderTests
{
    private static readonly HostSource Tree = new("host tree", false, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), null, null);

    private static BootSysctlConfiguration Boot(TempHostTree tree)
    {
        using var root = tree.Root();
        return HostInspector.Inspect(root, Tree, ["vm.swappiness"]).Sysctls.BootConfiguration;
    }

    private static TempHostTree Host(string cmdline = "root=/dev/sda1 ro", string release = "6.8.0-51-generic") => new TempHostTree()
        .Write("/proc/cmdline", cmdline + "\n")
        .Write("/proc/sys/kernel/osrelease", release + "\n")
        .Write("/proc/sys/vm/swappiness", "60\n");

    /// <summary>Apply's name, and the audit's for the same key, must be the same path.</summary>
    private static SysctlDropInPlan Agreed(BootSysctlConfiguration boot, string key = "vm.swappiness", string value = "10")
    {
        var plan = SysctlDropIn.Plan(boot, [(key, value)]);
        Assert.Equal(plan.Path, SysctlDropInName.PathFor(boot, [key]));
        Assert.Equal(plan.OverriddenBy.Where(r => !r.Agrees), SysctlDropInName.OverridingAtBoot(boot, plan.Path, key, value));
        return plan;
    }

    [Fact]
    public void A_vendor_99_file_in_usr_lib_cannot_be_beaten_and_every_reader_says_so()
    {
        using var tree = Host().Write("/usr/lib/sysctl.d/99-foo.conf", "vm.swappiness = 99\n").Write("/etc/sysctl.d/50-x.conf", "vm.swappiness = 50\n");
        var plan = Agreed(Boot(tree));
        Assert.Equal("51-aitune.conf", plan.FileName);
        Assert.Equal(["/etc/sysctl.d/50-x.conf"], plan.Beats.Select(r => r.File));
        Assert.Equal([("/usr/lib/sysctl.d/99-foo.conf", "99")], plan.OverriddenBy.Select(r => (r.File, r.Value)));
    }

    [Fact]
    public void Etc_sysctl_conf_is_applied_last_and_wins_over_every_name()
    {
        using var tree = Host().Write("/etc/sysctl.conf", "vm.swappiness = 1\n");
        var plan = Agreed(Boot(tree));
        Assert.Equal("10-aitune.conf", plan.FileName);
        Assert.Equal(["/etc/sysctl.conf"], plan.OverriddenBy.Select(r => r.File));
    }

    [Fact]
    public void Etc_sysctl_conf_brought_in_as_99_sysctl_conf_sorts_by_that_name()
    {
        using var tree = Host().Write("/etc/sysctl.conf", "vm.swappiness = 1\n").Link("/etc/sysctl.d/99-sysctl.conf", "../sysctl.conf");
        var boot = Boot(tree);
        Assert.Equal(["/etc/sysctl.d/99-sysctl.conf"], boot.Files);
        var plan = Agreed(boot);
        Assert.Equal(["/etc/sysctl.d/99-sysctl.conf"], plan.OverriddenBy.Select(r => r.File));
    }

    [Fact]
    public void An_etc_file_hides_the_usr_lib_file_of_the_same_name()
    {
        using var tree = Host().Write("/usr/lib/sysctl.d/60-vendor.conf", "vm.swappiness = 99\n").Write("/etc/sysctl.d/60-vendor.conf", "# local: nothing\n");
        var plan = Agreed(Boot(tree));
        Assert.Equal("10-aitune.conf", plan.FileName);
        Assert.Empty(plan.Beats);
        Assert.Empty(plan.OverriddenBy);
    }

    [Fact]
    public void A_dev_null_link_in_etc_masks_the_vendor_file_and_takes_its_name()
    {
        using var tree = Host().Write("/usr/lib/sysctl.d/99-vendor.conf", "vm.swappiness = 99\n").Link("/etc/sysctl.d/99-vendor.conf", "/dev/null");
        var boot = Boot(tree);
        Assert.Equal(["/usr/lib/sysctl.d/99-vendor.conf"], boot.Masked);
        var plan = Agreed(boot);
        Assert.Equal("10-aitune.conf", plan.FileName);
        Assert.Empty(plan.OverriddenBy);
    }

    [Fact]
    public void A_kernel_command_line_sysctl_is_applied_first_so_aitunes_file_beats_it()
    {
        using var tree = Host("root=/dev/sda1 sysctl.vm.swappiness=5 ro");
        var boot = Boot(tree);
        var atBoot = boot.EffectiveFor("vm.swappiness")!;
        Assert.Equal(("5", "/proc/cmdline", 2), (atBoot.Value, atBoot.File, atBoot.Line));
        var plan = Agreed(boot);
        Assert.Equal("10-aitune.conf", plan.FileName);
        Assert.Equal([("/proc/cmdline", 2, "5")], plan.Beats.Select(r => (r.File, r.Line, r.Value)));
        Assert.Empty(plan.OverriddenBy);
    }

    [Fact]
    public void A_file_overrides_the_command_line_at_boot_and_the_slash_form_counts_too()
    {
        using var tree = Host("sysctl.vm/swappiness=5").Write("/usr/lib/sysctl.d/50-x.conf", "vm.swappiness = 30\n");
        var boot = Boot(tree);
        Assert.Equal(("/usr/lib/sysctl.d/50-x.conf", "30"), (boot.EffectiveFor("vm.swappiness")!.File, boot.EffectiveFor("vm.swappiness")!.Value));
        var plan = Agreed(boot);
        Assert.Equal("51-aitune.conf", plan.FileName);
        Assert.Equal(["/proc/cmdline", "/usr/lib/sysctl.d/50-x.conf"], plan.Beats.Select(r => r.File));
    }

    [Fact]
    public void Kernels_before_5_8_ignore_sysctl_parameters()
    {
        using var tree = Host("sysctl.vm.swappiness=5", release: "5.4.0-200-generic");
        var boot = Boot(tree);
        Assert.Null(boot.EffectiveFor("vm.swappiness"));
        Assert.DoesNotContain("/proc/cmdline", boot.Files);
    }

    [Fact]
    public void The_audit_takes_aitunes_earlier_file_as_its_own_as_apply_does_from_the_journal()
    {
        using var tree = Host().Write("/etc/sysctl.d/40-x.conf", "vm.swappiness = 40\n").Write("/etc/sysctl.d/41-aitune.conf", "vm.swappiness = 10\n");
        var boot = Boot(tree);
        var plan = SysctlDropIn.Plan(boot, [("vm.swappiness", "10")], ["/etc/sysctl.d/41-aitune.conf"]);
        Assert.Equal("41-aitune.conf", plan.FileName);
        Assert.Equal(plan.Path, SysctlDropInName.PathFor(boot, ["vm.swappiness"]));
    }
}
