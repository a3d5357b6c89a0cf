using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Units;

namespace AiTune.Audit.Rules;

/// <summary>Sockets and the network stack for models served over local and remote APIs.</summary>
public static class NetworkRules
{
    private const string IpSysctlDoc = "Documentation/networking/ip-sysctl.rst";

    public static IEnumerable<Rule> All =>
    [
        new KnobRule("NET001", Category.Network, Knob.Sysctl("net.core.somaxconn"), "The accept queue absorbs request bursts", Severity.Medium),
        new KnobRule("NET002", Category.Network, Knob.Sysctl("net.ipv4.tcp_max_syn_backlog"), "The SYN queue absorbs connection bursts", Severity.Low),
        new KnobRule("NET003", Category.Network, Knob.Sysctl("net.core.netdev_max_backlog"), "The receive backlog keeps up with fast links", Severity.Low),
        new KnobRule("NET004", Category.Network, Knob.Sysctl("net.core.rmem_max"), "Sockets may grow large receive buffers", Severity.Low),
        new KnobRule("NET005", Category.Network, Knob.Sysctl("net.core.wmem_max"), "Sockets may grow large send buffers", Severity.Low),
        new KnobRule("NET006", Category.Network, Knob.Sysctl("net.core.busy_poll"), "Busy polling shortens receive latency", Severity.Low),
        new KnobRule("NET007", Category.Network, Knob.Sysctl("net.core.busy_read"), "Busy reading shortens receive latency", Severity.Low),
        new KnobRule("NET008", Category.Network, Knob.Sysctl("net.ipv4.tcp_slow_start_after_idle"), "Idle keep-alive connections keep their window", Severity.Low),
        new KnobRule("NET009", Category.Network, Knob.Sysctl("net.ipv4.tcp_fastopen"), "TCP Fast Open saves a round trip", Severity.Info),
        new CheckRule("NET010", Category.Network, "TCP autotuning may use large buffers", Severity.Low,
            "tcp_rmem and tcp_wmem bound the kernel's buffer autotuning; a maximum of 4–6 MiB caps a single connection's throughput on " +
            "fast, high-latency links used for training traffic and remote model pulls.",
            IpSysctlDoc, "training and throughput profiles", TcpBuffers),
        new CheckRule("NET011", Category.Network, "The ephemeral port range serves many upstream connections", Severity.Low,
            "A gateway or proxy in front of model servers opens one ephemeral port per upstream connection; a narrow ip_local_port_range " +
            "runs out (EADDRNOTAVAIL) under load.",
            IpSysctlDoc, "inference profiles", PortRange),
        new CheckRule("NET012", Category.Network, "IP forwarding matches the host's role", Severity.Medium,
            "CIS and other hardening baselines turn IP forwarding off, but Docker bridges, Kubernetes CNIs and model servers behind " +
            "container networking need it on. Decide per host: a container host keeps it on (CIS's own is_router exception).",
            "CIS Ubuntu 24.04 3.3.1; dev-sec os_hardening; kernel-hardening-checker issue #189", "hardened", IpForward),
    ];

    private static Verdict? TcpBuffers(AuditContext context)
    {
        if (context.Profile.Latency || context.Profile.Workload is null)
        {
            return null;
        }

        const long minimum = 16L << 20;
        var expected = $"tcp_rmem and tcp_wmem maximum >= {ByteSize.Format(minimum)}";
        var network = context.Facts.Network;
        if (!network.TcpRmem.TryGet(out var rmem) || !network.TcpWmem.TryGet(out var wmem) || rmem.Count < 3 || wmem.Count < 3)
        {
            return Verdict.Unknown((network.TcpRmem.Reason ?? network.TcpWmem.Reason ?? new Facts.UnknownReason(Facts.UnknownKind.Malformed, "tcp_rmem/tcp_wmem do not have three values"))!, expected);
        }

        var current = $"tcp_rmem max {ByteSize.Format(rmem[2])}, tcp_wmem max {ByteSize.Format(wmem[2])}";
        if (rmem[2] >= minimum && wmem[2] >= minimum)
        {
            return Verdict.Pass(current, expected);
        }

        // Only the keys whose maximum falls short are written, each with its own minimum and default kept: a fix
        // never lowers a maximum that already satisfies the rule (tcp_rmem at 32 MiB stays 32 MiB).
        var writes = new[] { ("net.ipv4.tcp_rmem", rmem), ("net.ipv4.tcp_wmem", wmem) }
            .Where(w => w.Item2[2] < minimum)
            .Select(w => (Key: w.Item1, Value: $"{w.Item2[0]} {w.Item2[1]} {minimum}"))
            .ToList();
        return Verdict.Warn(current, expected, new Fix(
            "sysctl -w " + string.Join(" ", writes.Select(w => $"{w.Key}=\"{w.Value}\"")),
            "add " + string.Join(" and ", writes.Select(w => $"\"{w.Key} = {w.Value}\"")) + $" to {KnobFixes.SysctlFile(context)}, then sysctl --system"));
    }

    private static Verdict? PortRange(AuditContext context)
    {
        if (!context.Profile.IsInference)
        {
            return null;
        }

        const int minimum = 28000;
        var expected = $">= {minimum} ports";
        var range = context.Facts.Network.IpLocalPortRange;
        if (!range.TryGet(out var bounds) || bounds.Count != 2)
        {
            return Verdict.Unknown(range.Reason ?? new Facts.UnknownReason(Facts.UnknownKind.Malformed, "ip_local_port_range does not have two values"), expected);
        }

        long width = bounds[1] - bounds[0] + 1;
        var current = $"{bounds[0]}–{bounds[1]} ({width} ports)";
        return width >= minimum
            ? Verdict.Pass(current, expected)
            : Verdict.Warn(current, expected, new Fix("sysctl -w net.ipv4.ip_local_port_range=\"10000 65000\"",
                $"add \"net.ipv4.ip_local_port_range = 10000 65000\" to {KnobFixes.SysctlFile(context)} (keep your services' listening ports outside it)"));
    }

    private static Verdict? IpForward(AuditContext context)
    {
        if (!context.Profile.Hardened)
        {
            return null;
        }

        const string expected = "0, unless the host runs containers or routes";
        var forward = context.Facts.Network.IpForward;
        if (!forward.TryGet(out var value))
        {
            return Verdict.Unknown(forward.Reason!, expected);
        }

        return value == 0
            ? Verdict.Pass("0", expected, "containers on this host need it on: Docker and every Kubernetes CNI set it to 1")
            : Verdict.Warn("1", expected, KnobFixes.Sysctl(context, "net.ipv4.ip_forward", "0"),
                "conflict: hardening wants 0, but Docker, Kubernetes CNIs and model servers behind container networking need 1; keep 1 on a container host");
    }
}
