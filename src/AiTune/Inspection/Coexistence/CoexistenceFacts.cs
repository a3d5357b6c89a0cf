using AiTune.Facts;

namespace AiTune.Inspection.Coexistence;

/// <summary>The other tools on this host that manage kernel settings aitune may set, so a plan can say what they
/// would undo or what they need.</summary>
/// <param name="Daemons">Running processes whose name (/proc/PID/comm) is one aitune looks for
/// (<see cref="WatchedDaemons"/>), by pid. Unknown when /proc cannot be listed or holds no process.</param>
/// <param name="Tuned">TuneD: its active profile, profile mode, and whether the daemon runs.</param>
/// <param name="BpftuneRunning">Oracle's bpftune daemon runs: it changes network sysctls at run time.</param>
/// <param name="KubeletRunning">kubelet runs (or k3s, which embeds it): it sets or asserts its kernel defaults.</param>
/// <param name="ForwardingEvidence">Container runtimes, Kubernetes and virtual networks found on the host, each of
/// which needs net.ipv4.ip_forward=1; empty when none was found.</param>
public sealed record CoexistenceFacts(
    Fact<IReadOnlyList<RunningDaemon>> Daemons,
    TunedFacts Tuned,
    Fact<bool> BpftuneRunning,
    Fact<bool> KubeletRunning,
    Fact<IReadOnlyList<ForwardingEvidence>> ForwardingEvidence);
