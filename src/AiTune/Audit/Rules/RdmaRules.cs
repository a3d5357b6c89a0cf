using AiTune.Inspection.Rdma;
using AiTune.Profiles;

namespace AiTune.Audit.Rules;

/// <summary>The RDMA fabric (InfiniBand and RoCE) that multi-node training and disaggregated serving run over. Network
/// rules, kept in their own file.</summary>
public static class RdmaRules
{
    public static IEnumerable<Rule> All =>
    [
        new CheckRule("NET013", Category.Network, "Each accelerator has an RDMA NIC on its NUMA node", Severity.Medium,
            "GPUDirect RDMA and Gaudi scale-out move tensors between an accelerator and the NIC over PCIe; a NIC on the other socket sends " +
            "every transfer across the socket interconnect (or through host memory), which costs bandwidth and latency. Reference designs " +
            "pair each accelerator with an RDMA NIC under the same socket, usually the same PCIe switch.",
            "NVIDIA GPUDirect RDMA documentation; NCCL topology (NCCL_TOPO); DGX H100 reference architecture", "all", NicPerNode),
        new CheckRule("NET014", Category.Network, "RDMA ports are active", Severity.Medium,
            "An RDMA port that is not ACTIVE (DOWN: no link; INIT or ARMED: the link is up but no subnet manager configured it) carries no " +
            "traffic: NCCL and MPI fall back to TCP or fail to start.",
            "drivers/infiniband/core/sysfs.c; ibstat(8); opensm", "all", PortsActive),
    ];

    private static Verdict? NicPerNode(AuditContext context)
    {
        const string expected = "an RDMA device on every accelerator's NUMA node";
        var facts = context.Facts;
        if (context.AcceleratorsUnknown is { } unknownAccelerators)
        {
            return Verdict.Unknown(unknownAccelerators, expected);
        }

        if (!facts.Rdma.TryGet(out var devices))
        {
            return Verdict.Unknown(facts.Rdma.Reason!, expected);
        }

        var accelerators = context.Accelerators;
        if (accelerators.Count == 0 || devices.Count == 0)
        {
            return Verdict.NotApplicable(accelerators.Count == 0 ? "no accelerator" : "no RDMA device (/sys/class/infiniband): a single-node host", expected);
        }

        if (!facts.Memory.NumaNodes.TryGet(out var nodes) || nodes.Count < 2)
        {
            return Verdict.NotApplicable(nodes is null ? "NUMA layout unknown" : "one NUMA node: every NIC is local", expected);
        }

        var nicNodes = devices.Where(d => d.NumaNode.TryGet(out var n) && n >= 0).GroupBy(d => d.NumaNode.Value)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Name).ToList());
        var local = new List<string>();
        var remote = new List<string>();
        var unreported = new List<string>();
        foreach (var accelerator in accelerators)
        {
            if (!accelerator.NumaNode.TryGet(out var node) || node < 0)
            {
                unreported.Add($"{accelerator.PciAddress}: numa_node not reported");
            }
            else if (nicNodes.TryGetValue(node, out var names))
            {
                local.Add($"{accelerator.PciAddress} on node {node}: {string.Join(", ", names)}");
            }
            else
            {
                remote.Add($"{accelerator.PciAddress} on node {node}: none");
            }
        }

        var current = string.Join("; ", remote.Concat(unreported).Concat(local));
        if (remote.Count > 0)
        {
            var where = string.Join(", ", devices.Select(d => $"{d.Name} on node {(d.NumaNode.TryGet(out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")}"));
            return Verdict.Warn(current, expected,
                new Fix(null, "move an RDMA NIC to a PCIe slot on each accelerator's socket (nvidia-smi topo -m shows the pairing)"),
                $"RDMA devices: {where}");
        }

        return unreported.Count > 0
            ? Verdict.Unknown(new Facts.UnknownReason(Facts.UnknownKind.Unreadable, "the firmware does not report the NUMA node of " + string.Join(", ", unreported)), expected)
            : Verdict.Pass(current, expected);
    }

    private static Verdict? PortsActive(AuditContext context)
    {
        const string expected = "every port ACTIVE";
        var rdma = context.Facts.Rdma;
        if (!rdma.TryGet(out var devices))
        {
            return Verdict.Unknown(rdma.Reason!, expected);
        }

        if (devices.Count == 0)
        {
            return Verdict.NotApplicable("no RDMA device (/sys/class/infiniband)", expected);
        }

        var active = new List<string>();
        var inactive = new List<string>();
        foreach (var device in devices)
        {
            if (!device.Ports.TryGet(out var ports))
            {
                return Verdict.Unknown(device.Ports.Reason!, expected);
            }

            foreach (var port in ports)
            {
                if (!port.State.TryGet(out var state))
                {
                    return Verdict.Unknown(port.State.Reason!, expected);
                }

                (state == "ACTIVE" ? active : inactive).Add(Describe(device, port, state));
            }
        }

        var current = string.Join("; ", inactive.Concat(active));
        return inactive.Count == 0
            ? Verdict.Pass(current, expected)
            : Verdict.Warn(current, expected,
                new Fix("ibstat; check the cable and the switch port; for INIT/ARMED start a subnet manager (opensm) on the fabric",
                    "enable opensm (or the switch's subnet manager) and the link at boot"),
                "a port that is DOWN may simply be unused: unplugged ports of a dual-port card");
    }

    private static string Describe(RdmaDevice device, RdmaPort port, string state) =>
        $"{device.Name} port {port.Number}: {state}"
        + (port.PhysicalState.TryGet(out var physical) ? $" ({physical})" : "")
        + (port.LinkLayer.TryGet(out var layer) ? $", {layer}" : "")
        + (port.Rate.TryGet(out var rate) && state == "ACTIVE" ? $", {rate}" : "");
}
