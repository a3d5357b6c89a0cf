using AiTune.Inspection.Sysctl;
using CsCheck;

namespace AiTune.Tests.Inspection.Sysctl;

public class SysctlGlobTests
{
    [Theory]
    [InlineData("net.ipv4.conf.*.rp_filter", "net.ipv4.conf.eth0.rp_filter", true)]
    [InlineData("net.ipv4.conf.*.rp_filter", "net.ipv4.conf.all.rp_filter", true)]
    [InlineData("net.ipv4.conf.*.rp_filter", "net.ipv4.conf.eth0.arp_filter", false)]
    [InlineData("net.*.conf.*.forwarding", "net.ipv6.conf.lo.forwarding", true)]
    [InlineData("net.ipv4.conf.*.rp_filter", "net.ipv4.conf.enp3s0/200.rp_filter", true)]
    [InlineData("net.ipv4.*", "net.ipv4.conf.eth0.rp_filter", false)]
    [InlineData("net.ipv4.conf.eth?.rp_filter", "net.ipv4.conf.eth1.rp_filter", true)]
    [InlineData("net.ipv4.conf.eth[0-3].rp_filter", "net.ipv4.conf.eth2.rp_filter", true)]
    [InlineData("net.ipv4.conf.eth[!0-3].rp_filter", "net.ipv4.conf.eth2.rp_filter", false)]
    [InlineData("net.ipv4.conf.eth[0.rp_filter", "net.ipv4.conf.eth[0.rp_filter", true)]
    [InlineData("vm.swappiness", "vm.swappiness", true)]
    public void Wildcards_match_within_one_component(string pattern, string key, bool matches) =>
        Assert.Equal(matches, SysctlGlob.Matches(pattern, key));

    [Fact]
    public void Many_stars_stay_linear_and_still_match()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 2000)) + "*b";
        Assert.False(SysctlGlob.Matches(pattern, new string('a', 5000)));
        Assert.True(SysctlGlob.Matches("*a*b*c", "xxaxxbxxc"));
        Assert.True(SysctlGlob.Matches(@"a\*b", "a*b"));
        Assert.False(SysctlGlob.Matches(@"a\*b", "axb"));
    }

    [Fact]
    public void Hostile_patterns_never_throw() =>
        Gen.Select(Gen.String, Gen.String).Sample((pattern, key) => { SysctlGlob.Matches(pattern, key); });
}
