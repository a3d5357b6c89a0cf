using AiTune.Facts;

namespace AiTune.Inspection.Rdma;

/// <summary>A network interface of an RDMA device's PCI function ("ib0" for IPoIB, "ens1f0np0" for RoCE), with its MTU.</summary>
public sealed record RdmaNetDevice(string Name, Fact<int> Mtu);
