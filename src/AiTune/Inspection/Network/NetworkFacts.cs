namespace AiTune.Inspection.Network;

/// <summary>The socket and network sysctls that decide how a model served over a local API behaves.</summary>
/// <param name="TcpRmem">net.ipv4.tcp_rmem: min, default, max.</param>
/// <param name="IpLocalPortRange">net.ipv4.ip_local_port_range: first, last.</param>
/// <param name="CongestionControlAvailable">net.ipv4.tcp_available_congestion_control.</param>
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
    Fact<long> IpForward);
