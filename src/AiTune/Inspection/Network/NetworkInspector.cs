using AiTune.Inspection.Sysctl;

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
        "net.ipv4.ip_forward",
    ];

    public static NetworkFacts Inspect(SysctlFacts sysctls) =>
        new(sysctls.GetLong("net.core.somaxconn"), sysctls.GetLong("net.ipv4.tcp_max_syn_backlog"), sysctls.GetLong("net.core.netdev_max_backlog"),
            sysctls.GetLong("net.core.rmem_max"), sysctls.GetLong("net.core.wmem_max"), sysctls.GetLong("net.core.rmem_default"),
            sysctls.GetLong("net.core.wmem_default"), Longs(sysctls, "net.ipv4.tcp_rmem"), Longs(sysctls, "net.ipv4.tcp_wmem"),
            sysctls.GetLong("net.core.busy_poll"), sysctls.GetLong("net.core.busy_read"), sysctls.GetLong("net.ipv4.tcp_fastopen"),
            sysctls.Get("net.ipv4.tcp_congestion_control").Map(v => v.Trim()),
            sysctls.Get("net.ipv4.tcp_available_congestion_control").Map(v => (IReadOnlyList<string>)v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
            Longs(sysctls, "net.ipv4.ip_local_port_range"), sysctls.GetLong("net.ipv4.tcp_slow_start_after_idle"), sysctls.GetLong("net.ipv4.ip_forward"));

    private static Fact<IReadOnlyList<long>> Longs(SysctlFacts sysctls, string key) =>
        sysctls.Get(key).Bind(text => SysctlValue.ParseLongs(key, text));
}
