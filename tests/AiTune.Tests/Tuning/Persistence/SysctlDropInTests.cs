using AiTune.Hosting;
using AiTune.Inspection.Sysctl;
using AiTune.Knobs.Persistence;
using AiTune.Tests.Support;
using AiTune.Tuning.Persistence;

namespace AiTune.Tests.Tuning.Persistence;

public class SysctlDropInTests
{
    private static readonly DateTimeOffset AppliedAt = new(2025, 6, 1, 14, 30, 5, TimeSpan.FromHours(2));

    /// <summary>Files given in applied order, as <see cref="SysctlConfigDiscovery"/> would list them.</summary>
    private static BootSysctlConfiguration Boot(params (string Path, string Text)[] files) =>
        BootSysctlResolver.Resolve(files.Select(f => SysctlConfigParser.Parse(f.Text, f.Path)).ToList());

    private static BootSysctlConfiguration Fixture(string host)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return BootSysctlResolver.Read(root);
    }

    [Fact]
    public void Renders_a_header_then_sorted_key_value_lines()
    {
        var plan = SysctlDropIn.Plan(BootSysctlConfiguration.Empty,
            [("vm.swappiness", "10"), ("net.ipv4.tcp_rmem", "4096 131072 6291456"), ("kernel.domainname", "lab.example %p")]);
        var file = SysctlDropIn.Render(plan, "inference-throughput", AppliedAt, "root");

        Assert.Equal("/etc/sysctl.d/10-aitune.conf", file.Path);
        Assert.Equal("""
            # Written by aitune: profile inference-throughput, applied 2025-06-01T12:30:05Z by root. Remove with `aitune rollback`; do not edit.
            kernel.domainname = lab.example %p
            net.ipv4.tcp_rmem = 4096 131072 6291456
            vm.swappiness = 10
            """ + "\n", file.Content);
    }

    [Fact]
    public void The_file_parses_back_to_the_values_it_was_given()
    {
        var settings = new[] { ("vm.swappiness", "10"), ("kernel.printk", "4 4 1 7"), ("vm.x", "a=b # not a comment") };
        var plan = SysctlDropIn.Plan(BootSysctlConfiguration.Empty, settings);
        var parsed = SysctlConfigParser.Parse(SysctlDropIn.Render(plan, "base", AppliedAt, "root").Content, plan.Path);

        Assert.Empty(parsed.Problems);
        Assert.Equal(settings.OrderBy(s => s.Item1, StringComparer.Ordinal), parsed.Assignments.Select(a => (a.Key, a.Value)));
    }

    [Fact]
    public void Without_rivals_the_smallest_prefix_wins()
    {
        var plan = SysctlDropIn.Plan(Boot(("/etc/sysctl.d/90-other.conf", "vm.dirty_ratio = 5\n")), [("vm.swappiness", "10")]);

        Assert.Equal(("10-aitune.conf", "/etc/sysctl.d/10-aitune.conf"), (plan.FileName, plan.Path));
        Assert.Empty(plan.Beats);
        Assert.Empty(plan.OverriddenBy);
    }

    [Fact]
    public void A_60_file_that_sets_our_key_puts_us_at_61()
    {
        var plan = SysctlDropIn.Plan(Boot(("/usr/lib/sysctl.d/60-x.conf", "# vendor\nvm.swappiness = 60\n")), [("vm.swappiness", "10")]);

        Assert.Equal("61-aitune.conf", plan.FileName);
        Assert.Equal([new SysctlRival("vm.swappiness", "10", "/usr/lib/sysctl.d/60-x.conf", 2, "vm.swappiness", "60")], plan.Beats);
        Assert.Empty(plan.OverriddenBy);
    }

    [Theory]
    [InlineData("60-000.conf")]
    [InlineData("60-a.conf")]
    [InlineData("60-Zeta.conf")]
    public void Names_compare_byte_by_byte_so_these_sort_before_60_aitune(string name)
    {
        var plan = SysctlDropIn.Plan(Boot(("/etc/sysctl.d/" + name, "vm.swappiness = 60\n")), [("vm.swappiness", "10")]);

        Assert.Equal("60-aitune.conf", plan.FileName);
    }

    [Fact]
    public void A_99_file_that_sets_our_key_cannot_be_beaten_and_is_reported()
    {
        var plan = SysctlDropIn.Plan(Boot(("/etc/sysctl.d/99-foo.conf", "vm.swappiness = 99\n")), [("vm.swappiness", "10")]);

        Assert.Equal("10-aitune.conf", plan.FileName);
        Assert.Empty(plan.Beats);
        var rival = Assert.Single(plan.OverriddenBy);
        Assert.Equal(new SysctlRival("vm.swappiness", "10", "/etc/sysctl.d/99-foo.conf", 1, "vm.swappiness", "99"), rival);
        Assert.False(rival.Agrees || rival.IsGlob || rival.IsExclusion);
    }

    [Fact]
    public void A_zz_file_is_applied_after_every_numbered_name()
    {
        var plan = SysctlDropIn.Plan(Boot(("/etc/sysctl.d/40-x.conf", "vm.a = 1\n"), ("/etc/sysctl.d/zz-local.conf", "vm.b = 2\n")),
            [("vm.a", "3"), ("vm.b", "4")]);

        Assert.Equal("41-aitune.conf", plan.FileName);
        Assert.Equal(["/etc/sysctl.d/40-x.conf"], plan.Beats.Select(r => r.File));
        Assert.Equal([("vm.b", "/etc/sysctl.d/zz-local.conf")], plan.OverriddenBy.Select(r => (r.Key, r.File)));
    }

    [Fact]
    public void A_matching_glob_counts_and_a_glob_for_other_keys_does_not()
    {
        var plan = SysctlDropIn.Plan(
            Boot(("/etc/sysctl.d/70-net.conf", "net.ipv4.conf.*.rp_filter = 1\n"), ("/etc/sysctl.d/80-v6.conf", "net.ipv6.conf.*.forwarding = 1\n")),
            [("net.ipv4.conf.all.rp_filter", "2")]);

        Assert.Equal("71-aitune.conf", plan.FileName);
        var rival = Assert.Single(plan.Beats);
        Assert.Equal(("net.ipv4.conf.*.rp_filter", "1", true), (rival.WrittenKey, rival.Value, rival.IsGlob));
    }

    [Fact]
    public void A_later_exclusion_of_our_key_would_cancel_it_so_we_go_after_it()
    {
        var plan = SysctlDropIn.Plan(Boot(("/usr/lib/sysctl.d/50-default.conf", "-net.ipv4.conf.all.rp_filter\n-net.ipv4.conf.*.x\n")),
            [("net.ipv4.conf.all.rp_filter", "2")]);

        Assert.Equal("51-aitune.conf", plan.FileName);
        var rival = Assert.Single(plan.Beats);
        Assert.True(rival.IsExclusion);
        Assert.Equal(("/usr/lib/sysctl.d/50-default.conf", 1), (rival.File, rival.Line));
    }

    [Fact]
    public void Etc_sysctl_conf_applied_last_by_procps_overrides_every_name()
    {
        var plan = SysctlDropIn.Plan(
            Boot(("/etc/sysctl.d/20-x.conf", "vm.swappiness = 20\n"), (SysctlConfigDiscovery.SysctlConf, "vm.swappiness = 1\n")),
            [("vm.swappiness", "10")]);

        Assert.Equal("21-aitune.conf", plan.FileName);
        Assert.Equal(["/etc/sysctl.d/20-x.conf"], plan.Beats.Select(r => r.File));
        Assert.Equal(["/etc/sysctl.conf"], plan.OverriddenBy.Select(r => r.File));
    }

    [Fact]
    public void A_name_taken_by_a_file_aitune_did_not_write_is_skipped()
    {
        var plan = SysctlDropIn.Plan(
            Boot(("/usr/lib/sysctl.d/60-x.conf", "vm.swappiness = 60\n"), ("/usr/lib/sysctl.d/61-aitune.conf", "kernel.a = 1\n")),
            [("vm.swappiness", "10")]);

        Assert.Equal("62-aitune.conf", plan.FileName);
    }

    [Fact]
    public void A_masked_name_is_taken_too()
    {
        var boot = Boot(("/usr/lib/sysctl.d/60-x.conf", "vm.swappiness = 60\n")) with { Masked = ["/usr/lib/sysctl.d/61-aitune.conf"] };

        Assert.Equal("62-aitune.conf", SysctlDropIn.Plan(boot, [("vm.swappiness", "10")]).FileName);
    }

    [Fact]
    public void Aitunes_own_earlier_file_is_neither_a_rival_nor_a_taken_name()
    {
        var boot = Boot(("/usr/lib/sysctl.d/60-x.conf", "vm.swappiness = 60\n"), ("/etc/sysctl.d/61-aitune.conf", "vm.swappiness = 5\n"),
            ("/etc/sysctl.d/70-y.conf", "vm.dirty_ratio = 5\n"));
        var plan = SysctlDropIn.Plan(boot, [("vm.swappiness", "10")], ["/etc/sysctl.d/61-aitune.conf"]);

        Assert.Equal("61-aitune.conf", plan.FileName);
        Assert.Equal(["/usr/lib/sysctl.d/60-x.conf"], plan.Beats.Select(r => r.File));

        var unowned = SysctlDropIn.Plan(boot, [("vm.swappiness", "10")]);
        Assert.Equal("62-aitune.conf", unowned.FileName);
    }

    [Fact]
    public void When_every_name_is_taken_it_refuses()
    {
        var boot = Boot(Enumerable.Range(10, 90).Select(n => ($"/usr/lib/sysctl.d/{n}-aitune.conf", "kernel.a = 1\n")).ToArray());

        var error = Assert.Throws<AiTuneException>(() => SysctlDropIn.Plan(boot, [("vm.swappiness", "10")]));
        Assert.Contains("10-aitune.conf to 99-aitune.conf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xeon_fixture_hugepages_in_80_put_us_at_81()
    {
        var plan = SysctlDropIn.Plan(Fixture("xeon-2numa-nvidia"), [("vm.nr_hugepages", "16384"), ("vm.swappiness", "10")]);

        Assert.Equal("81-aitune.conf", plan.FileName);
        Assert.Equal([new SysctlRival("vm.nr_hugepages", "16384", "/etc/sysctl.d/80-hugepages.conf", 3, "vm.nr_hugepages", "12288")], plan.Beats);
        Assert.Empty(plan.OverriddenBy);
    }

    [Fact]
    public void Xeon_fixture_rp_filter_goes_after_the_systemd_default_exclusion()
    {
        var plan = SysctlDropIn.Plan(Fixture("xeon-2numa-nvidia"), [("net.ipv4.conf.all.rp_filter", "1")]);

        Assert.Equal("51-aitune.conf", plan.FileName);
        Assert.Equal(
            [
                ("/etc/sysctl.d/10-network-security.conf", 5, "net.ipv4.conf.all.rp_filter", (string?)"2"),
                ("/usr/lib/sysctl.d/50-default.conf", 18, "net.ipv4.conf.*.rp_filter", "2"),
                ("/usr/lib/sysctl.d/50-default.conf", 19, "net.ipv4.conf.all.rp_filter", null),
            ],
            plan.Beats.Select(r => (r.File, r.Line, r.WrittenKey, r.Value)));
    }

    [Fact]
    public void Kvm_fixture_zram_file_at_99_overrides_swappiness()
    {
        var plan = SysctlDropIn.Plan(Fixture("kvm-hardened"), [("vm.swappiness", "10"), ("vm.max_map_count", "2097152")]);

        Assert.Equal("11-aitune.conf", plan.FileName);
        Assert.Equal([("/usr/lib/sysctl.d/10-arch.conf", 6)], plan.Beats.Select(r => (r.File, r.Line)));
        Assert.Equal([new SysctlRival("vm.swappiness", "10", "/etc/sysctl.d/99-vm-zram-parameters.conf", 2, "vm.swappiness", "180")], plan.OverriddenBy);
    }

    [Fact]
    public void Epyc_fixture_etc_sysctl_conf_linked_as_99_sysctl_overrides_overcommit()
    {
        var plan = SysctlDropIn.Plan(Fixture("epyc-amdgpu-rt-cgv1"), [("vm.overcommit_memory", "0")]);

        Assert.Equal("10-aitune.conf", plan.FileName);
        Assert.Equal([("/etc/sysctl.d/99-sysctl.conf", 16, "1")], plan.OverriddenBy.Select(r => (r.File, r.Line, r.Value)));
    }

    [Fact]
    public void This_vm_fixture_vendor_99_protect_links_overrides_protected_regular()
    {
        var plan = SysctlDropIn.Plan(Fixture("this-vm"), [("fs.protected_regular", "2"), ("kernel.pid_max", "4194304")]);

        Assert.Equal("51-aitune.conf", plan.FileName);
        Assert.Equal([("/usr/lib/sysctl.d/50-pid-max.conf", "kernel.pid_max")], plan.Beats.Select(r => (r.File, r.Key)));
        var rival = Assert.Single(plan.OverriddenBy);
        Assert.Equal(("/usr/lib/sysctl.d/99-protect-links.conf", 9, true), (rival.File, rival.Line, rival.Agrees));
    }

    [Theory]
    [InlineData("")]
    [InlineData("vm..swappiness")]
    [InlineData("vm/swappiness")]
    [InlineData("net.ipv4.conf.*.rp_filter")]
    [InlineData("vm.swappiness\n")]
    [InlineData("vm.swappiness = 1")]
    [InlineData(".vm")]
    public void Invalid_keys_are_refused(string key) =>
        Assert.Throws<AiTuneException>(() => SysctlDropIn.Plan(BootSysctlConfiguration.Empty, [(key, "1")]));

    [Theory]
    [InlineData("")]
    [InlineData("1\nvm.overcommit_memory = 1")]
    [InlineData("1\r")]
    [InlineData("1\0")]
    [InlineData("\t1")]
    [InlineData("# 1")]
    [InlineData(";1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("caf\u00e9")]
    [InlineData("1\u2028")]
    public void Hostile_values_are_refused(string value)
    {
        var error = Assert.Throws<AiTuneException>(() => SysctlDropIn.Plan(BootSysctlConfiguration.Empty, [("vm.swappiness", value)]));
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(string.IsNullOrEmpty(error.Hint));
    }

    [Fact]
    public void Values_longer_than_4096_are_refused_and_4096_is_accepted()
    {
        Assert.Throws<AiTuneException>(() => SysctlDropIn.Plan(BootSysctlConfiguration.Empty, [("kernel.domainname", new string('x', 4097))]));
        var plan = SysctlDropIn.Plan(BootSysctlConfiguration.Empty, [("kernel.domainname", new string('x', 4096))]);
        Assert.Equal(4096, plan.Settings[0].Value.Length);
    }

    [Theory]
    [InlineData("kernel.core_pattern")]
    [InlineData("kernel.modprobe")]
    [InlineData("fs.binfmt_misc.register")]
    public void A_sysctl_that_runs_a_program_as_root_is_never_persisted(string key)
    {
        var error = Assert.Throws<AiTuneException>(() => SysctlDropIn.Plan(BootSysctlConfiguration.Empty, [(key, "|/tmp/x")]));
        Assert.StartsWith($"cannot persist sysctl {key}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_and_shell_syntax_are_plain_text_in_sysctl_d()
    {
        var plan = SysctlDropIn.Plan(BootSysctlConfiguration.Empty, [("kernel.domainname", "|/bin/x \"$(id)\" '%p'")]);
        Assert.EndsWith("kernel.domainname = |/bin/x \"$(id)\" '%p'\n", SysctlDropIn.Render(plan, "base", AppliedAt, "root").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_given_twice_is_refused() =>
        Assert.Throws<AiTuneException>(() => SysctlDropIn.Plan(BootSysctlConfiguration.Empty, [("vm.swappiness", "1"), ("vm.swappiness", "2")]));

    [Theory]
    [InlineData("Bad Profile", "root")]
    [InlineData("base\n", "root")]
    [InlineData("base", "ro ot")]
    [InlineData("base", "root\nvm.x = 1")]
    [InlineData("base", "")]
    public void Header_fields_that_would_break_the_comment_line_are_refused(string profile, string user)
    {
        var plan = SysctlDropIn.Plan(BootSysctlConfiguration.Empty, [("vm.swappiness", "10")]);
        Assert.Throws<AiTuneException>(() => SysctlDropIn.Render(plan, profile, AppliedAt, user));
    }

    [Fact]
    public void Render_checks_a_plan_built_by_hand()
    {
        var forged = new SysctlDropInPlan("10-aitune.conf", "/etc/sysctl.d/10-aitune.conf", [("vm.swappiness", "1\nkernel.x = 1")], [], []);
        Assert.Throws<AiTuneException>(() => SysctlDropIn.Render(forged, "base", AppliedAt, "root"));
    }
}
