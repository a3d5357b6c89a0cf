using AiTune.Facts;

namespace AiTune.Inspection.Rdma;

/// <summary>An RDMA device in /sys/class/infiniband (an InfiniBand HCA or a RoCE NIC such as mlx5_0).</summary>
/// <param name="Name">"mlx5_0".</param>
/// <param name="PciAddress">The PCI device its device link points at ("0000:9a:00.0").</param>
/// <param name="Driver">The PCI driver (mlx5_core, bnxt_en, irdma's ice …).</param>
/// <param name="NumaNode">The PCI device's numa_node; -1 means the firmware did not say.</param>
/// <param name="NodeType">node_type without its number: "CA" (channel adapter), "switch", "router", "RNIC".</param>
/// <param name="FirmwareVersion">fw_ver ("28.39.1002").</param>
/// <param name="Ports">ports/N.</param>
/// <param name="NetDevices">The network interfaces of the PCI device (device/net): the RoCE or IPoIB interfaces, with their MTU.</param>
public sealed record RdmaDevice(
    string Name,
    Fact<string> PciAddress,
    Fact<string> Driver,
    Fact<int> NumaNode,
    Fact<string> NodeType,
    Fact<string> FirmwareVersion,
    Fact<IReadOnlyList<RdmaPort>> Ports,
    Fact<IReadOnlyList<RdmaNetDevice>> NetDevices);
