using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Gpu;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Gpu;

public class GpuInspectorTests
{
    private static IReadOnlyList<GpuDevice> Inspect(string host)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return GpuInspector.Inspect(root).Value;
    }

    [Fact]
    public void Xeon_has_one_h100_on_node_1_bound_to_nvidia_in_group_40()
    {
        var gpu = Assert.Single(Inspect("xeon-2numa-nvidia"));
        Assert.Equal("0000:98:00.0", gpu.PciAddress);
        Assert.Equal("nvidia", gpu.Vendor);
        Assert.Equal("0x10de", gpu.VendorId);
        Assert.Equal("0x2330", gpu.DeviceId.Value);
        Assert.Equal("0x030200", gpu.ClassCode.Value);
        Assert.Equal("nvidia", gpu.Driver.Value);
        Assert.Equal(1, gpu.NumaNode.Value);
        Assert.Equal("4-7,12-15", gpu.LocalCpuList.Value);
        Assert.Equal(40, gpu.IommuGroup.Value);
        Assert.Equal("NVIDIA H100 80GB HBM3", gpu.NvidiaModel.Value);
        Assert.Equal(UnknownKind.Absent, gpu.BusyPercent.Reason!.Kind);
        Assert.Equal(UnknownKind.Absent, gpu.VramTotalBytes.Reason!.Kind);
        Assert.Equal(UnknownKind.Absent, gpu.VramUsedBytes.Reason!.Kind);
    }

    [Fact]
    public void Epyc_has_one_mi210_bound_to_amdgpu_without_iommu_group()
    {
        var gpu = Assert.Single(Inspect("epyc-amdgpu-rt-cgv1"));
        Assert.Equal("0000:c1:00.0", gpu.PciAddress);
        Assert.Equal("amd", gpu.Vendor);
        Assert.Equal("0x1002", gpu.VendorId);
        Assert.Equal("0x740f", gpu.DeviceId.Value);
        Assert.Equal("0x038000", gpu.ClassCode.Value);
        Assert.Equal("amdgpu", gpu.Driver.Value);
        Assert.Equal(0, gpu.NumaNode.Value);
        Assert.Equal("0-7", gpu.LocalCpuList.Value);
        Assert.Equal(UnknownKind.Absent, gpu.IommuGroup.Reason!.Kind);
        Assert.Equal(0, gpu.BusyPercent.Value);
        Assert.Equal(68702699520, gpu.VramTotalBytes.Value);
        Assert.Equal(13631488, gpu.VramUsedBytes.Value);
        Assert.Equal(UnknownKind.Absent, gpu.NvidiaModel.Reason!.Kind);
    }

    [Fact]
    public void Kvm_guest_has_no_gpu()
    {
        Assert.Empty(Inspect("kvm-hardened"));
    }

    [Fact]
    public void A_gpu_without_driver_has_an_absent_driver_that_says_so()
    {
        using var tree = new TempHostTree();
        const string dir = "/sys/devices/pci0000:00/0000:00:02.0";
        tree.Link("/sys/bus/pci/devices/0000:00:02.0", "../../.." + dir[4..])
            .Write(dir + "/class", "0x030000\n").Write(dir + "/vendor", "0x8086\n").Write(dir + "/device", "0x46a6\n")
            .Write(dir + "/numa_node", "-1\n").Write(dir + "/local_cpulist", "0-11\n");
        using var root = tree.Root();

        var gpu = Assert.Single(GpuInspector.Inspect(root).Value);

        Assert.Equal("intel", gpu.Vendor);
        Assert.Equal(-1, gpu.NumaNode.Value);
        Assert.Equal(UnknownKind.Absent, gpu.Driver.Reason!.Kind);
        Assert.Contains("no driver is bound to 0000:00:02.0", gpu.Driver.Reason.Detail);
    }

    [Fact]
    public void Unknown_vendors_are_named_by_id_and_bad_files_are_unknown_one_by_one()
    {
        using var tree = new TempHostTree();
        const string dir = "/sys/devices/pci0000:00/0000:00:03.0";
        tree.Link("/sys/bus/pci/devices/0000:00:03.0", "../../.." + dir[4..])
            .Write(dir + "/class", "0x030000\n").Write(dir + "/vendor", "0x1234\n").Write(dir + "/device", "garbage\n")
            .Write(dir + "/numa_node", "\n").Write(dir + "/local_cpulist", "0-3\n").Write(dir + "/gpu_busy_percent", "250\n")
            .Link(dir + "/iommu_group", "../../../kernel/iommu_groups/abc").Mkdir("/sys/kernel/iommu_groups/abc")
            .Link(dir + "/driver", "../../../bus/pci/drivers/bochs-drm").Mkdir("/sys/bus/pci/drivers/bochs-drm");
        using var root = tree.Root();

        var gpu = Assert.Single(GpuInspector.Inspect(root).Value);

        Assert.Equal("0x1234", gpu.Vendor);
        Assert.Equal("bochs-drm", gpu.Driver.Value);
        Assert.Equal("0-3", gpu.LocalCpuList.Value);
        Assert.Equal(UnknownKind.Malformed, gpu.DeviceId.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, gpu.NumaNode.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, gpu.BusyPercent.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, gpu.IommuGroup.Reason!.Kind);
    }

    [Fact]
    public void Devices_of_other_classes_and_links_out_of_the_tree_are_not_gpus()
    {
        using var tree = new TempHostTree();
        tree.Link("/sys/bus/pci/devices/0000:00:04.0", "../../../../../../../../etc")
            .Link("/sys/bus/pci/devices/0000:00:05.0", "../../../devices/pci0000:00/0000:00:05.0")
            .Write("/sys/devices/pci0000:00/0000:00:05.0/class", "0x020000\n");
        using var root = tree.Root();
        Assert.Empty(GpuInspector.Inspect(root).Value);
    }

    [Fact]
    public void Live_host_gpus_are_exactly_the_display_class_devices()
    {
        using var root = new FileSystemHostRoot("/");
        var expected = Directory.Exists("/sys/bus/pci/devices")
            ? Directory.EnumerateFileSystemEntries("/sys/bus/pci/devices")
                .Where(dir => File.ReadAllText(Path.Combine(dir, "class")).StartsWith("0x03", StringComparison.Ordinal))
                .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : [];

        var gpus = GpuInspector.Inspect(root).Value;

        Assert.Equal(expected, gpus.Select(g => g.PciAddress));
        Assert.All(gpus, gpu => Assert.True(gpu.NumaNode.IsKnown && gpu.ClassCode.IsKnown));
    }
}
