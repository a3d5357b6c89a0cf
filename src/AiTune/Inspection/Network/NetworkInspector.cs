using AiTune.Facts;
using AiTune.Inspection.Sysctl;
using AiTune.Text;

namespace AiTune.Inspection.Network;

public static class NetworkInspector
{
    /// <summary>The sysctls the network facts are built from.</summary>
    public static readonly IReadOnlyList<string> SysctlKeys =
    [
        "net.core.somaxconn", "net.ipv4.tcp_max_syn_backlog", "net.core.netdev_max_backlog", "net.core.rmem_max",
        "net.core.wmem_max", "net.core.rmem_default", "net.core.wmem_default", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
        "net.core.busy_poll", "net.core.busy_read", "net.ipv4.tcp_fastopen", "net.ipv4.tcp_congestion_control",
        "net.ipv4.tcp_available_congestion_control", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_slow_start_after_idle",
        "net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding", "net.core.default_qdisc", "net.ipv4.tcp_mtu_probing",
        "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_notsent_lowat",
    ];

    public static NetworkFacts Inspect(SysctlFacts sysctls) => new()
    {
        Somaxconn = sysctls.GetLong("net.core.somaxconn"),
        TcpMaxSynBacklog = sysctls.GetLong("net.ipv4.tcp_max_syn_backlog"),
        NetdevMaxBacklog = sysctls.GetLong("net.core.netdev_max_backlog"),
        RmemMax = sysctls.GetLong("net.core.rmem_max"),
        WmemMax = sysctls.GetLong("net.core.wmem_max"),
        RmemDefault = sysctls.GetLong("net.core.rmem_default"),
        WmemDefault = sysctls.GetLong("net.core.wmem_default"),
        TcpRmem = Longs(sysctls, "net.ipv4.tcp_rmem"),
        TcpWmem = Longs(sysctls, "net.ipv4.tcp_wmem"),
        BusyPoll = sysctls.GetLong("net.core.busy_poll"),
        BusyRead = sysctls.GetLong("net.core.busy_read"),
        TcpFastOpen = sysctls.GetLong("net.ipv4.tcp_fastopen"),
        CongestionControl = Word(sysctls, "net.ipv4.tcp_congestion_control"),
        CongestionControlAvailable = Words(sysctls, "net.ipv4.tcp_available_congestion_control"),
        IpLocalPortRange = Longs(sysctls, "net.ipv4.ip_local_port_range"),
        TcpSlowStartAfterIdle = sysctls.GetLong("net.ipv4.tcp_slow_start_after_idle"),
        IpForward = sysctls.GetLong("net.ipv4.ip_forward"),
        Ipv6Forwarding = sysctls.GetLong("net.ipv6.conf.all.forwarding"),
        DefaultQdisc = Word(sysctls, "net.core.default_qdisc"),
        TcpMtuProbing = sysctls.GetLong("net.ipv4.tcp_mtu_probing"),
        TcpTwReuse = sysctls.GetLong("net.ipv4.tcp_tw_reuse"),
        TcpNotsentLowat = sysctls.GetLong("net.ipv4.tcp_notsent_lowat"),
    };

    private static Fact<IReadOnlyList<long>> Longs(SysctlFacts sysctls, string key) =>
        sysctls.Get(key).Bind(text => SysctlValue.ParseLongs(key, text));

    /// <summary>A name value (a congestion control, a qdisc): one word of printable characters.</summary>
    private static Fact<string> Word(SysctlFacts sysctls, string key) =>
        sysctls.Get(key).Bind(text =>
        {
            var words = SplitWords(text);
            return words.Length == 1 && IsName(words[0])
                ? Fact.Known(words[0])
                : Fact.Unknown<string>(UnknownKind.Malformed, $"sysctl {key}: expected one name, got '{DisplayText.Shorten(text.Trim())}'");
        });

    private static Fact<IReadOnlyList<string>> Words(SysctlFacts sysctls, string key) =>
        sysctls.Get(key).Bind(text =>
        {
            var words = SplitWords(text);
            return words.All(IsName)
                ? Fact.Known<IReadOnlyList<string>>(words)
                : Fact.Unknown<IReadOnlyList<string>>(UnknownKind.Malformed, $"sysctl {key}: expected names, got '{DisplayText.Shorten(text.Trim())}'");
        });

    private static string[] SplitWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static bool IsName(string word) => word.Length <= 64 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
