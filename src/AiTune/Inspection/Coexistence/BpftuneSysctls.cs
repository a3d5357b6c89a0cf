namespace AiTune.Inspection.Coexistence;

/// <summary>The sysctls bpftune's tuners change at run time (oracle/bpftune, docs/bpftune-*.rst and src/*_tuner.c).
/// bpftune watches writes to them with a BPF cgroup/sysctl program and disables the tuner that owns a key someone
/// else wrote, until it restarts: a value aitune sets sticks, but that tuner stops working.</summary>
public static class BpftuneSysctls
{
    public static readonly IReadOnlyList<string> Keys =
    [
        // tcp_buffer: send/receive buffer limits, TCP memory, orphans, SYN backlog.
        "net.ipv4.tcp_wmem", "net.ipv4.tcp_rmem", "net.ipv4.tcp_mem", "net.ipv4.tcp_moderate_rcvbuf",
        "net.ipv4.tcp_no_metrics_save", "net.ipv4.tcp_no_ssthresh_metrics_save", "net.core.high_order_alloc_disable",
        "net.ipv4.tcp_syncookies", "net.ipv4.tcp_max_syn_backlog", "net.ipv4.tcp_max_orphans",
        // net_buffer: the per-CPU backlog, flow limits and the softirq budget.
        "net.core.netdev_max_backlog", "net.core.flow_limit_cpu_bitmap", "net.core.netdev_budget", "net.core.netdev_budget_usecs",
        // udp_buffer.
        "net.ipv4.udp_mem", "net.core.rmem_max", "net.core.rmem_default",
        // tcp_conn: congestion control.
        "net.ipv4.tcp_allowed_congestion_control", "net.ipv4.tcp_congestion_control", "net.ipv4.tcp_thin_linear_timeouts",
        // neigh_table: the neighbour tables' garbage collection.
        "net.ipv4.neigh.default.gc_interval", "net.ipv4.neigh.default.gc_stale_time", "net.ipv4.neigh.default.gc_thresh1",
        "net.ipv4.neigh.default.gc_thresh2", "net.ipv4.neigh.default.gc_thresh3",
        "net.ipv6.neigh.default.gc_interval", "net.ipv6.neigh.default.gc_stale_time", "net.ipv6.neigh.default.gc_thresh1",
        "net.ipv6.neigh.default.gc_thresh2", "net.ipv6.neigh.default.gc_thresh3",
        // ip_frag: reassembly memory.
        "net.ipv4.ipfrag_high_thresh", "net.ipv6.ip6frag_high_thresh",
        // route_table.
        "net.ipv6.route.max_size",
    ];

    public static bool Manages(string key) => Keys.Contains(key, StringComparer.Ordinal);
}
