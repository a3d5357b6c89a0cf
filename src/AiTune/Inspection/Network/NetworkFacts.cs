using AiTune.Facts;

namespace AiTune.Inspection.Network;

/// <summary>The socket and network sysctls that decide how a model served over a local API behaves. Members are set
/// by name: twenty-two sysctls, most of them Fact&lt;long&gt;, which a positional call would let anyone swap
/// unnoticed.</summary>
public sealed record NetworkFacts
{
    public required Fact<long> Somaxconn { get; init; }

    public required Fact<long> TcpMaxSynBacklog { get; init; }

    public required Fact<long> NetdevMaxBacklog { get; init; }

    public required Fact<long> RmemMax { get; init; }

    public required Fact<long> WmemMax { get; init; }

    public required Fact<long> RmemDefault { get; init; }

    public required Fact<long> WmemDefault { get; init; }

    /// <summary>net.ipv4.tcp_rmem: min, default, max.</summary>
    public required Fact<IReadOnlyList<long>> TcpRmem { get; init; }

    public required Fact<IReadOnlyList<long>> TcpWmem { get; init; }

    public required Fact<long> BusyPoll { get; init; }

    public required Fact<long> BusyRead { get; init; }

    public required Fact<long> TcpFastOpen { get; init; }

    public required Fact<string> CongestionControl { get; init; }

    /// <summary>net.ipv4.tcp_available_congestion_control.</summary>
    public required Fact<IReadOnlyList<string>> CongestionControlAvailable { get; init; }

    /// <summary>net.ipv4.ip_local_port_range: first, last.</summary>
    public required Fact<IReadOnlyList<long>> IpLocalPortRange { get; init; }

    public required Fact<long> TcpSlowStartAfterIdle { get; init; }

    /// <summary>net.ipv4.ip_forward: container networking (Docker, Kubernetes) turns it on.</summary>
    public required Fact<long> IpForward { get; init; }

    /// <summary>net.ipv6.conf.all.forwarding: the same for IPv6.</summary>
    public required Fact<long> Ipv6Forwarding { get; init; }

    /// <summary>net.core.default_qdisc: "fq" gives BBR its pacing; systemd sets "fq_codel".</summary>
    public required Fact<string> DefaultQdisc { get; init; }

    /// <summary>net.ipv4.tcp_mtu_probing: 0 off, 1 after an ICMP black hole is detected, 2 always.</summary>
    public required Fact<long> TcpMtuProbing { get; init; }

    /// <summary>net.ipv4.tcp_tw_reuse: 0 off, 1 on, 2 loopback only (the default): clients that open many short
    /// connections to a local API run out of ports in TIME-WAIT without it.</summary>
    public required Fact<long> TcpTwReuse { get; init; }

    /// <summary>net.ipv4.tcp_notsent_lowat: unsent bytes a socket may queue before it stops being writable; the default
    /// 4294967295 (no limit) lets streamed tokens wait behind a full send buffer.</summary>
    public required Fact<long> TcpNotsentLowat { get; init; }
}
