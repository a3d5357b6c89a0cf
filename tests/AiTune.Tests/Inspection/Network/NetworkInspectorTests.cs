using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Network;
using AiTune.Inspection.Sysctl;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Network;

public class NetworkInspectorTests
{
    /// <summary>The sysctl values as SysctlFacts holds them (whitespace runs collapsed), read from a tree's
    /// /proc/sys here because the sysctl reader belongs to another part of the inspector.</summary>
    private static SysctlFacts ReadSysctls(HostRoot root) =>
        new(NetworkInspector.SysctlKeys.ToDictionary(key => key, key =>
                root.ReadText("/proc/sys/" + key.Replace('.', '/')).Map(text => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))),
            new Dictionary<string, BootSysctl>(), []);

    private static SysctlFacts Sysctls(params (string Key, string Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => Fact.Known(v.Value)), new Dictionary<string, BootSysctl>(), []);

    private static NetworkFacts InspectFixture(string host)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return NetworkInspector.Inspect(ReadSysctls(root));
    }

    [Theory]
    [InlineData("xeon-2numa-nvidia", 1, 4096)]
    [InlineData("epyc-amdgpu-rt-cgv1", 0, 4096)]
    [InlineData("kvm-hardened", 0, 1024)]
    public void Fixtures_have_distribution_defaults(string host, long ipForward, long synBacklog)
    {
        var facts = InspectFixture(host);
        Assert.Equal(4096, facts.Somaxconn.Value);
        Assert.Equal(synBacklog, facts.TcpMaxSynBacklog.Value);
        Assert.Equal(1000, facts.NetdevMaxBacklog.Value);
        Assert.Equal(212992, facts.RmemMax.Value);
        Assert.Equal(212992, facts.WmemMax.Value);
        Assert.Equal(212992, facts.RmemDefault.Value);
        Assert.Equal(212992, facts.WmemDefault.Value);
        Assert.Equal([4096L, 131072, 6291456], facts.TcpRmem.Value);
        Assert.Equal([4096L, 16384, 4194304], facts.TcpWmem.Value);
        Assert.Equal(0, facts.BusyPoll.Value);
        Assert.Equal(0, facts.BusyRead.Value);
        Assert.Equal(1, facts.TcpFastOpen.Value);
        Assert.Equal("cubic", facts.CongestionControl.Value);
        Assert.Equal(["reno", "cubic"], facts.CongestionControlAvailable.Value);
        Assert.Equal([32768L, 60999], facts.IpLocalPortRange.Value);
        Assert.Equal(1, facts.TcpSlowStartAfterIdle.Value);
        Assert.Equal(ipForward, facts.IpForward.Value);
        Assert.Equal(0, facts.Ipv6Forwarding.Value);
        Assert.Equal("fq_codel", facts.DefaultQdisc.Value);
        Assert.Equal(0, facts.TcpMtuProbing.Value);
        Assert.Equal(2, facts.TcpTwReuse.Value);
        Assert.Equal(4294967295, facts.TcpNotsentLowat.Value);
    }

    [Fact]
    public void Every_key_has_a_file_in_every_built_fixture()
    {
        foreach (var host in new[] { "xeon-2numa-nvidia", "epyc-amdgpu-rt-cgv1", "kvm-hardened" })
        {
            using var root = new FileSystemHostRoot(FixturePaths.Host(host));
            Assert.All(NetworkInspector.SysctlKeys, key => Assert.True(root.ReadText("/proc/sys/" + key.Replace('.', '/')).IsKnown, $"{host}: {key}"));
        }
    }

    [Fact]
    public void Keys_are_distinct_and_dotted()
    {
        Assert.Equal(NetworkInspector.SysctlKeys.Count, NetworkInspector.SysctlKeys.Distinct().Count());
        Assert.All(NetworkInspector.SysctlKeys, key => Assert.StartsWith("net.", key));
    }

    [Fact]
    public void A_key_not_read_is_not_captured_and_the_others_stay_known()
    {
        var facts = NetworkInspector.Inspect(Sysctls(("net.core.somaxconn", "1024"), ("net.core.default_qdisc", "fq")));
        Assert.Equal(1024, facts.Somaxconn.Value);
        Assert.Equal("fq", facts.DefaultQdisc.Value);
        Assert.Equal(UnknownKind.NotCaptured, facts.TcpTwReuse.Reason!.Kind);
        Assert.Equal(UnknownKind.NotCaptured, facts.TcpRmem.Reason!.Kind);
    }

    [Fact]
    public void Malformed_values_are_unknown_one_by_one()
    {
        var facts = NetworkInspector.Inspect(Sysctls(
            ("net.core.somaxconn", "many"), ("net.ipv4.tcp_rmem", "4096 x 6291456"), ("net.ipv4.tcp_congestion_control", "bbr cubic"),
            ("net.ipv4.tcp_available_congestion_control", "reno bb\u0007r"), ("net.core.default_qdisc", ""), ("net.ipv4.tcp_tw_reuse", "1")));
        Assert.Equal(UnknownKind.Malformed, facts.Somaxconn.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, facts.TcpRmem.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, facts.CongestionControl.Reason!.Kind);
        Assert.Contains("net.ipv4.tcp_congestion_control", facts.CongestionControl.Reason.Detail);
        Assert.Equal(UnknownKind.Malformed, facts.CongestionControlAvailable.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, facts.DefaultQdisc.Reason!.Kind);
        Assert.Equal(1, facts.TcpTwReuse.Value);
    }

    [Fact]
    public void Random_values_never_throw()
    {
        Gen.String.Sample(text =>
        {
            var facts = NetworkInspector.Inspect(new SysctlFacts(
                NetworkInspector.SysctlKeys.ToDictionary(k => k, _ => Fact.Known(text)), new Dictionary<string, BootSysctl>(), []));
            Assert.True(facts.CongestionControl.IsKnown || facts.CongestionControl.Reason!.Kind == UnknownKind.Malformed);
            Assert.True(facts.TcpRmem.IsKnown || facts.TcpRmem.Reason!.Kind == UnknownKind.Malformed);
            Assert.True(facts.Somaxconn.IsKnown || facts.Somaxconn.Reason!.Kind == UnknownKind.Malformed);
        });
    }

    [Fact]
    public void Live_host_values_are_read()
    {
        using var root = new FileSystemHostRoot("/");
        var facts = NetworkInspector.Inspect(ReadSysctls(root));
        Assert.True(facts.Somaxconn.Value > 0);
        Assert.Equal(3, facts.TcpRmem.Value.Count);
        Assert.Equal(2, facts.IpLocalPortRange.Value.Count);
        Assert.Contains(facts.CongestionControl.Value, facts.CongestionControlAvailable.Value);
        Assert.InRange(facts.IpForward.Value, 0, 1);
    }
}
