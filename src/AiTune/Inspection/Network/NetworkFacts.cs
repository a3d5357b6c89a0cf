using AiTune.Facts;

namespace AiTune.Inspection.Network;

/// <summary>The socket and network sysctls that decide how a model served over a local API behaves.</summary>
/// <param name="TcpRmem">net.ipv4.tcp_rmem: min, default, max.</param>
/// <param name="IpLocalPortRange">net.ipv4.ip_local_port_range: first, last.</param>
/// <param name="CongestionControlAvailable">net.ipv4.tcp_available_congestion_control.</param>
/// <param name="IpForward">net.ipv4.ip_forward: container networking (Docker, Kubernetes) turns it on.</param>
/// <param name="Ipv6Forwarding">net.ipv6.conf.all.forwarding: the same for IPv6.</param>
/// <param name="DefaultQdisc">net.core.default_qdisc: "fq" gives BBR its pacing; systemd sets "fq_codel".</param>
/// <param name="TcpMtuProbing">net.ipv4.tcp_mtu_probing: 0 off, 1 after an ICMP black hole is detected, 2 always.</param>
/// <param name="TcpTwReuse">net.ipv4.tcp_tw_reuse: 0 off, 1 on, 2 loopback only (the default): clients that open
/// many short connections to a local API run out of ports in TIME-WAIT without it.</param>
/// <param name="TcpNotsentLowat">net.ipv4.tcp_notsent_lowat: unsent bytes a socket may queue before it stops being
/// writable; the default 4294967295 (no limit) lets streamed tokens wait behind a full send buffer.</param>
public sealed record NetworkFacts(
    Fact<long> Somaxconn,
    Fact<long> TcpMaxSynBacklog,
    Fact<long> NetdevMaxBacklog,
    Fact<long> RmemMax,
    Fact<long> WmemMax,
    Fact<long> RmemDefault,
    Fact<long> WmemDefault,
    Fact<IReadOnlyList<long>> TcpRmem,
    Fact<IReadOnlyList<long>> TcpWmem,
    Fact<long> BusyPoll,
    Fact<long> BusyRead,
    Fact<long> TcpFastOpen,
    Fact<string> CongestionControl,
    Fact<IReadOnlyList<string>> CongestionControlAvailable,
    Fact<IReadOnlyList<long>> IpLocalPortRange,
    Fact<long> TcpSlowStartAfterIdle,
    Fact<long> IpForward,
    Fact<long> Ipv6Forwarding,
    Fact<string> DefaultQdisc,
    Fact<long> TcpMtuProbing,
    Fact<long> TcpTwReuse,
    Fact<long> TcpNotsentLowat);
