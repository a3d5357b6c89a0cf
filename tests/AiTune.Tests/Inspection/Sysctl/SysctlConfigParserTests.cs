using AiTune.Inspection.Sysctl;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Sysctl;

public class SysctlConfigParserTests
{
    private const string File = "/etc/sysctl.d/90-x.conf";

    [Fact]
    public void Parses_every_form_of_line_the_man_page_shows()
    {
        var text = "# comment\n; also a comment\n\n  vm.swappiness=10  \nkernel/domainname = foo\n-net.core.default_qdisc = fq_codel\n"
            + "net/ipv4/conf/enp3s0.200/forwarding = 1\nkernel.printk = 4\t4  1 7\nnet.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.rp_filter\n"
            + "just garbage\nvm.a = 1 # not a comment\nkernel.x = a=b\r\n";
        var file = SysctlConfigParser.Parse(text, File);

        Assert.Equal(
            [
                new SysctlAssignment("vm.swappiness", "10", File, 4, false),
                new SysctlAssignment("kernel.domainname", "foo", File, 5, false),
                new SysctlAssignment("net.core.default_qdisc", "fq_codel", File, 6, true),
                new SysctlAssignment("net.ipv4.conf.enp3s0/200.forwarding", "1", File, 7, false),
                new SysctlAssignment("kernel.printk", "4\t4  1 7", File, 8, false),
                new SysctlAssignment("net.ipv4.conf.*.rp_filter", "2", File, 9, false),
                new SysctlAssignment("vm.a", "1 # not a comment", File, 12, false),
                new SysctlAssignment("kernel.x", "a=b", File, 13, false),
            ],
            file.Assignments);
        Assert.Equal([new SysctlExclusion("net.ipv4.conf.all.rp_filter", File, 10)], file.Exclusions);
        var problem = Assert.Single(file.Problems);
        Assert.Equal(AiTune.Facts.UnknownKind.Malformed, problem.Kind);
        Assert.Contains(":11", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotted_and_slashed_spellings_of_the_same_file_are_the_same_key()
    {
        var dotted = SysctlConfigParser.Parse("net.ipv4.conf.enp3s0/200.forwarding = 1", File).Assignments[0].Key;
        var slashed = SysctlConfigParser.Parse("net/ipv4/conf/enp3s0.200/forwarding = 1", File).Assignments[0].Key;
        Assert.Equal(dotted, slashed);
    }

    [Fact]
    public void A_line_with_an_empty_key_is_a_problem_not_an_assignment()
    {
        var file = SysctlConfigParser.Parse(" = 5\n-\n", File);
        Assert.Empty(file.Assignments);
        Assert.Empty(file.Exclusions);
        Assert.Equal(2, file.Problems.Count);
    }

    [Fact]
    public void Parses_the_real_debian_protect_links_file()
    {
        var text = System.IO.File.ReadAllText(FixturePaths.File("files/sysctl/99-protect-links.conf"));
        var file = SysctlConfigParser.Parse(text, "/usr/lib/sysctl.d/99-protect-links.conf");
        Assert.Equal(
            [("fs.protected_fifos", "1", 7), ("fs.protected_hardlinks", "1", 8), ("fs.protected_regular", "2", 9), ("fs.protected_symlinks", "1", 10)],
            file.Assignments.Select(a => (a.Key, a.Value, a.Line)));
        Assert.Empty(file.Problems);
    }

    [Fact]
    public void The_real_debian_sysctl_conf_is_all_comments()
    {
        var file = SysctlConfigParser.Parse(System.IO.File.ReadAllText(FixturePaths.File("files/sysctl/sysctl.conf-debian12")), "/etc/sysctl.conf");
        Assert.Empty(file.Assignments);
        Assert.Empty(file.Problems);
    }

    [Fact]
    public void Hostile_text_never_throws_and_every_assignment_has_a_key()
    {
        Gen.String.Sample(text =>
        {
            var file = SysctlConfigParser.Parse(text, File);
            Assert.All(file.Assignments, a => Assert.NotEmpty(a.Key));
            Assert.All(file.Exclusions, e => Assert.NotEmpty(e.Key));
        });
        Gen.Byte.Array.Sample(bytes => SysctlConfigParser.Parse(System.Text.Encoding.UTF8.GetString(bytes), File));
    }
}
