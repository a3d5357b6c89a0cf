namespace AiTune.Inspection.Coexistence;

/// <summary>The process names (/proc/PID/comm, at most 15 characters) of the daemons that manage kernel settings
/// aitune also sets, or that need some of them. Only these names are ever kept: the process scan reports nothing
/// else, and a snapshot keeps the comm files of these processes and drops all others.</summary>
public static class WatchedDaemons
{
    /// <summary>TuneD's daemon (a Python script: the kernel names the process after the script, not after python).</summary>
    public const string Tuned = "tuned";

    public const string Bpftune = "bpftune";

    public const string Kubelet = "kubelet";

    /// <summary>k3s runs the kubelet inside its own process: "k3s", or the re-executed "k3s-server" and "k3s-agent".</summary>
    public static readonly IReadOnlyList<string> K3s = ["k3s", "k3s-server", "k3s-agent"];

    /// <summary>Container runtimes: Docker, containerd, CRI-O, and podman with its per-container monitor conmon.</summary>
    public static readonly IReadOnlyList<string> ContainerRuntimes = ["dockerd", "containerd", "crio", "podman", "conmon"];

    public static readonly IReadOnlyList<string> All = [Tuned, Bpftune, Kubelet, .. K3s, .. ContainerRuntimes];

    public static bool Contains(string name) => All.Contains(name, StringComparer.Ordinal);
}
