using AiTune.Facts;
using AiTune.Inspection.Sysctl;
using CsCheck;

namespace AiTune.Tests.Inspection.Sysctl;

public class SysctlKeyTests
{
    [Theory]
    [InlineData("vm.swappiness", "/proc/sys/vm/swappiness")]
    [InlineData("net.ipv4.tcp_rmem", "/proc/sys/net/ipv4/tcp_rmem")]
    [InlineData("vm.page-cluster", "/proc/sys/vm/page-cluster")]
    public void A_dotted_key_names_its_proc_sys_file(string key, string path) => Assert.Equal(path, SysctlKey.ToProcPath(key).Value);

    [Theory]
    [InlineData("")]
    [InlineData("vm..swappiness")]
    [InlineData("..")]
    [InlineData("/etc/shadow")]
    [InlineData("vm.*")]
    [InlineData("vm.swap piness")]
    [InlineData("vm/../../etc")]
    [InlineData(".vm")]
    [InlineData("vm.")]
    [InlineData("vm.swäppiness")]
    public void A_key_that_could_leave_proc_sys_is_malformed(string key)
    {
        var path = SysctlKey.ToProcPath(key);
        Assert.Equal(UnknownKind.Malformed, path.Reason?.Kind);
    }

    [Fact]
    public void An_overlong_key_is_malformed() =>
        Assert.Equal(UnknownKind.Malformed, SysctlKey.ToProcPath(new string('a', SysctlKey.MaxLength + 1)).Reason?.Kind);

    [Theory]
    [InlineData("kernel.domainname", "kernel.domainname")]
    [InlineData("kernel/domainname", "kernel.domainname")]
    [InlineData("/kernel/domainname", "kernel.domainname")]
    [InlineData("net/ipv4/conf/enp3s0.200/forwarding", "net.ipv4.conf.enp3s0/200.forwarding")]
    [InlineData("key.middle/part/with/dots.foo", "key.middle/part/with/dots.foo")]
    [InlineData("key/middle.part.with.dots/foo", "key.middle/part/with/dots.foo")]
    [InlineData("vm..swappiness", "vm.swappiness")]
    public void Normalize_follows_the_first_separator_rule(string written, string dotted) => Assert.Equal(dotted, SysctlKey.Normalize(written));

    [Fact]
    public void Normalize_of_separators_only_is_null() => Assert.Null(SysctlKey.Normalize("./."));

    [Fact]
    public void Every_accepted_key_stays_under_proc_sys()
    {
        Gen.String.Sample(key =>
        {
            var path = SysctlKey.ToProcPath(key);
            if (path.TryGet(out var p))
            {
                Assert.StartsWith("/proc/sys/", p, StringComparison.Ordinal);
                Assert.DoesNotContain("..", p, StringComparison.Ordinal);
            }
        });
        Gen.String.Sample(key => SysctlKey.Normalize(key));
    }
}
