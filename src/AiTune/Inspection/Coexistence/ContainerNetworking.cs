namespace AiTune.Inspection.Coexistence;

/// <summary>What marks a host whose containers or virtual machines reach the outside through NAT or a CNI
/// overlay, and so need the kernel to forward IPv4 packets (net.ipv4.ip_forward=1; Docker, kubeadm's preflight
/// and libvirt's NAT network all turn it on or insist on it). TuneD's reapply_sysctl turning it off broke
/// Kubernetes networking (redhat-performance/tuned#816).</summary>
public static class ContainerNetworking
{
    /// <summary>The sysctls that switch IPv4 forwarding (writing either sets the other).</summary>
    public static readonly IReadOnlyList<string> ForwardingSysctls = ["net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding"];

    /// <summary>Processes that route container traffic: the runtimes, kubelet and k3s.</summary>
    public static readonly IReadOnlyList<string> Processes = [.. WatchedDaemons.ContainerRuntimes, WatchedDaemons.Kubelet, .. WatchedDaemons.K3s];

    /// <summary>Bridges and overlays by name: Docker (docker0), CNI bridge (cni0), flannel (flannel.1), Cilium
    /// (cilium_host), Weave (weave), podman (podman0 with netavark, cni-podman0 with CNI), libvirt NAT (virbr0).</summary>
    public static readonly IReadOnlyList<string> Interfaces = ["docker0", "cni0", "flannel.1", "cilium_host", "weave", "podman0", "cni-podman0", "virbr0"];

    /// <summary>Calico names each workload's veth cali + a hash.</summary>
    public const string CalicoPrefix = "cali";

    /// <summary>The libvirt network: virtual machines, not containers.</summary>
    public const string LibvirtBridge = "virbr0";

    public static bool IsForwardingInterface(string name) =>
        Interfaces.Contains(name, StringComparer.Ordinal) || (name.StartsWith(CalicoPrefix, StringComparison.Ordinal) && name.Length > CalicoPrefix.Length);
}
