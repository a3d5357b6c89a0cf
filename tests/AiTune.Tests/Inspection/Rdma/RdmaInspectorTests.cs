using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Rdma;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Rdma;

public class RdmaInspectorTests
{
    [Fact]
    public void The_xeon_has_one_connectx7_on_node_1_with_an_active_ndr_port()
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host("xeon-2numa-nvidia"));

        var hca = Assert.Single(RdmaInspector.Inspect(root).Value);

        Assert.Equal("mlx5_0", hca.Name);
        Assert.Equal("0000:9a:00.0", hca.PciAddress.Value);
        Assert.Equal("mlx5_core", hca.Driver.Value);
        Assert.Equal(1, hca.NumaNode.Value);
        Assert.Equal("CA", hca.NodeType.Value);
        Assert.Equal("28.39.1002", hca.FirmwareVersion.Value);
        var port = Assert.Single(hca.Ports.Value);
        Assert.Equal(1, port.Number);
        Assert.Equal("ACTIVE", port.State.Value);
        Assert.Equal("LinkUp", port.PhysicalState.Value);
        Assert.Equal("InfiniBand", port.LinkLayer.Value);
        Assert.Equal("400 Gb/sec (4X NDR)", port.Rate.Value);
        Assert.Equal(400, port.RateGbps.Value);
        var ib0 = Assert.Single(hca.NetDevices.Value);
        Assert.Equal("ib0", ib0.Name);
        Assert.Equal(4092, ib0.Mtu.Value);
    }

    [Fact]
    public void Hosts_without_the_infiniband_class_have_no_rdma_device()
    {
        foreach (var host in new[] { "xeon-bmc-ast", "gaudi2-habana", "kvm-hardened", "this-vm" })
        {
            using var root = new FileSystemHostRoot(FixturePaths.Host(host));
            Assert.Empty(RdmaInspector.Inspect(root).Value);
        }
    }

    [Fact]
    public void A_roce_port_that_is_down_and_garbage_files_are_read_one_by_one()
    {
        using var tree = new TempHostTree();
        const string dev = "/sys/devices/pci0000:00/0000:00:03.0/0000:05:00.0";
        tree.Link("/sys/class/infiniband/rocep5s0", "../../devices/pci0000:00/0000:00:03.0/0000:05:00.0/infiniband/rocep5s0")
            .Link(dev + "/infiniband/rocep5s0/device", "../../../0000:05:00.0")
            .Write(dev + "/numa_node", "-1\n").Write(dev + "/infiniband/rocep5s0/node_type", "garbage")
            .Write(dev + "/infiniband/rocep5s0/ports/1/state", "1: DOWN\n").Write(dev + "/infiniband/rocep5s0/ports/1/phys_state", "3: Disabled\n")
            .Write(dev + "/infiniband/rocep5s0/ports/1/link_layer", "Ethernet\n").Write(dev + "/infiniband/rocep5s0/ports/1/rate", "2.5 Gb/sec (1X)\n")
            .Write(dev + "/net/ens5np0/mtu", "9000\n").Link("/sys/class/net/ens5np0", "../../devices/pci0000:00/0000:00:03.0/0000:05:00.0/net/ens5np0");
        using var root = tree.Root();

        var device = Assert.Single(RdmaInspector.Inspect(root).Value);

        Assert.Equal("0000:05:00.0", device.PciAddress.Value);
        Assert.Equal(UnknownKind.Absent, device.Driver.Reason!.Kind);
        Assert.Equal(-1, device.NumaNode.Value);
        Assert.Equal(UnknownKind.Malformed, device.NodeType.Reason!.Kind);
        Assert.Equal(UnknownKind.Absent, device.FirmwareVersion.Reason!.Kind);
        var port = Assert.Single(device.Ports.Value);
        Assert.Equal("DOWN", port.State.Value);
        Assert.Equal("Disabled", port.PhysicalState.Value);
        Assert.Equal("Ethernet", port.LinkLayer.Value);
        Assert.Equal(2.5, port.RateGbps.Value);
        Assert.Equal(9000, Assert.Single(device.NetDevices.Value).Mtu.Value);
    }
}
