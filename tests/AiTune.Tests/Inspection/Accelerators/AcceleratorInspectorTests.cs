using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Accelerators;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Accelerators;

public class AcceleratorInspectorTests
{
    private static AcceleratorInventory Inspect(string host)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return AcceleratorInspector.Inspect(root);
    }

    [Fact]
    public void Xeon_has_one_h100_on_node_1_bound_to_nvidia_in_group_40_and_its_bmc_display_apart()
    {
        var inventory = Inspect("xeon-2numa-nvidia");

        var gpu = Assert.Single(inventory.Accelerators.Value);
        Assert.Equal("0000:98:00.0", gpu.PciAddress);
        Assert.Equal(AcceleratorKinds.Gpu, gpu.Kind);
        Assert.Equal("nvidia", gpu.Vendor);
        Assert.Equal("0x10de", gpu.VendorId);
        Assert.Equal("0x2330", gpu.DeviceId.Value);
        Assert.Equal("0x030200", gpu.ClassCode.Value);
        Assert.Equal("nvidia", gpu.Driver.Value);
        Assert.Equal(1, gpu.NumaNode.Value);
        Assert.Equal("4-7,12-15", gpu.LocalCpuList.Value);
        Assert.Equal(40, gpu.IommuGroup.Value);
        Assert.Equal("NVIDIA H100 80GB HBM3", gpu.Model.Value);
        Assert.Equal(["/dev/nvidia0"], gpu.DeviceNodes.Value);
        Assert.Equal(UnknownKind.Absent, gpu.MemoryBytes.Reason!.Kind);
        Assert.Contains("the nvidia driver does not expose device memory", gpu.MemoryBytes.Reason.Detail);
        Assert.Null(gpu.Firmware);

        var bmc = Assert.Single(inventory.DisplayAdapters.Value);
        Assert.Equal("0000:03:00.0", bmc.PciAddress);
        Assert.Equal("0x1a03", bmc.VendorId);
        Assert.Equal("aspeed", bmc.Vendor);
        Assert.Equal("0x2000", bmc.DeviceId.Value);
        Assert.Equal("ast", bmc.Driver.Value);
        Assert.Equal("ASPEED BMC display adapter (driver ast)", bmc.Reason);
    }

    [Fact]
    public void A_bmc_only_server_has_no_accelerator_and_one_display_adapter()
    {
        var inventory = Inspect("xeon-bmc-ast");

        Assert.Empty(inventory.Accelerators.Value);
        Assert.Equal("ASPEED BMC display adapter (driver ast)", Assert.Single(inventory.DisplayAdapters.Value).Reason);
    }

    [Fact]
    public void Gaudi2_is_found_through_the_accel_class_with_its_node_firmware_and_accel_node()
    {
        var gaudi = Assert.Single(Inspect("gaudi2-habana").Accelerators.Value);

        Assert.Equal("0000:98:00.0", gaudi.PciAddress);
        Assert.Equal(AcceleratorKinds.AiAccelerator, gaudi.Kind);
        Assert.Equal("habana", gaudi.Vendor);
        Assert.Equal("0x1020", gaudi.DeviceId.Value);
        Assert.Equal("0x120000", gaudi.ClassCode.Value);
        Assert.Equal("compute accelerator accel0 in /sys/class/accel", gaudi.Evidence);
        Assert.Equal("GAUDI2", gaudi.Model.Value);
        Assert.Equal("habanalabs", gaudi.Driver.Value);
        Assert.Equal(1, gaudi.NumaNode.Value);
        Assert.Equal(["/dev/accel/accel0"], gaudi.DeviceNodes.Value);
        Assert.Equal("/lib/firmware/habanalabs", gaudi.Firmware!.Directory);
        Assert.Equal(["gaudi2/gaudi2-boot-fit.itb", "gaudi2/gaudi2-fit.itb"], gaudi.Firmware.Files.Value);
    }

    [Fact]
    public void Meteor_lake_has_an_npu_and_an_integrated_gpu_both_accelerators()
    {
        var inventory = Inspect("npu-meteorlake");

        Assert.Empty(inventory.DisplayAdapters.Value);
        Assert.Collection(inventory.Accelerators.Value,
            igpu =>
            {
                Assert.Equal("0000:00:02.0", igpu.PciAddress);
                Assert.Equal(AcceleratorKinds.Gpu, igpu.Kind);
                Assert.Equal("i915", igpu.Driver.Value);
                Assert.Equal(-1, igpu.NumaNode.Value);
                Assert.Equal("PCI 0x8086:0x7d55", igpu.Model.Value);
                Assert.Equal(["/dev/dri/renderD128"], igpu.DeviceNodes.Value);
                Assert.Null(igpu.Firmware);
            },
            npu =>
            {
                Assert.Equal("0000:00:0b.0", npu.PciAddress);
                Assert.Equal(AcceleratorKinds.Npu, npu.Kind);
                Assert.Equal("intel", npu.Vendor);
                Assert.Equal("0x7d1d", npu.DeviceId.Value);
                Assert.Equal("intel_vpu", npu.Driver.Value);
                Assert.Equal(["/dev/accel/accel0"], npu.DeviceNodes.Value);
                Assert.Equal(["vpu_37xx_v1.bin"], npu.Firmware!.Files.Value);
            });
    }

    [Fact]
    public void Epyc_has_one_mi210_bound_to_amdgpu_with_its_vram_and_without_iommu_group()
    {
        var gpu = Assert.Single(Inspect("epyc-amdgpu-rt-cgv1").Accelerators.Value);
        Assert.Equal("0000:c1:00.0", gpu.PciAddress);
        Assert.Equal("amd", gpu.Vendor);
        Assert.Equal("0x740f", gpu.DeviceId.Value);
        Assert.Equal("0x038000", gpu.ClassCode.Value);
        Assert.Equal("amdgpu", gpu.Driver.Value);
        Assert.Equal(0, gpu.NumaNode.Value);
        Assert.Equal(UnknownKind.Absent, gpu.IommuGroup.Reason!.Kind);
        Assert.Equal(68702699520, gpu.MemoryBytes.Value);
        Assert.Equal("PCI 0x1002:0x740f", gpu.Model.Value);
    }

    [Fact]
    public void The_kvm_guest_has_no_accelerator_and_its_bochs_display_is_a_virtual_display()
    {
        var inventory = Inspect("kvm-hardened");

        Assert.Empty(inventory.Accelerators.Value);
        var display = Assert.Single(inventory.DisplayAdapters.Value);
        Assert.Equal("0000:00:01.0", display.PciAddress);
        Assert.Equal("QEMU/Bochs virtual display (driver bochs-drm)", display.Reason);
    }

    [Fact]
    public void No_display_adapter_of_any_fixture_is_an_accelerator()
    {
        foreach (var host in FixturePaths.AllHosts())
        {
            var inventory = Inspect(host);
            var accelerators = inventory.Accelerators.GetValueOrDefault([]).Select(a => a.PciAddress).ToHashSet();
            Assert.All(inventory.DisplayAdapters.GetValueOrDefault([]), d => Assert.DoesNotContain(d.PciAddress, accelerators));
            Assert.All(inventory.Accelerators.GetValueOrDefault([]), a => Assert.DoesNotContain(a.VendorId, KnownDisplayAdapters.All.Where(k => k.DeviceId is null).Select(k => k.VendorId)));
        }
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

        var gpu = Assert.Single(AcceleratorInspector.Inspect(root).Accelerators.Value);

        Assert.Equal("intel", gpu.Vendor);
        Assert.Equal(-1, gpu.NumaNode.Value);
        Assert.Equal(UnknownKind.Absent, gpu.Driver.Reason!.Kind);
        Assert.Contains("no driver is bound to 0000:00:02.0", gpu.Driver.Reason.Detail);
        Assert.Equal(UnknownKind.Absent, gpu.DeviceNodes.Reason!.Kind);
    }

    [Fact]
    public void An_unknown_display_vendor_is_a_display_adapter_and_bad_files_are_unknown_one_by_one()
    {
        using var tree = new TempHostTree();
        const string dir = "/sys/devices/pci0000:00/0000:00:03.0";
        tree.Link("/sys/bus/pci/devices/0000:00:03.0", "../../.." + dir[4..])
            .Write(dir + "/class", "0x030000\n").Write(dir + "/vendor", "0x5143\n").Write(dir + "/device", "garbage\n")
            .Link(dir + "/driver", "../../../bus/pci/drivers/simpledrm").Mkdir("/sys/bus/pci/drivers/simpledrm");
        using var root = tree.Root();

        var inventory = AcceleratorInspector.Inspect(root);

        Assert.Empty(inventory.Accelerators.Value);
        var display = Assert.Single(inventory.DisplayAdapters.Value);
        Assert.Equal("unknown vendor 0x5143, not a known compute vendor (driver simpledrm)", display.Reason);
        Assert.Equal(UnknownKind.Malformed, display.DeviceId.Reason!.Kind);
    }

    [Fact]
    public void A_processing_accelerator_class_device_is_an_accelerator_without_accel_class_or_driver()
    {
        using var tree = new TempHostTree();
        const string dir = "/sys/devices/pci0000:00/0000:00:04.0";
        tree.Link("/sys/bus/pci/devices/0000:00:04.0", "../../.." + dir[4..])
            .Write(dir + "/class", "0x120000\n").Write(dir + "/vendor", "0x1e52\n").Write(dir + "/device", "0x0001\n")
            .Write(dir + "/numa_node", "garbage\n").Link(dir + "/iommu_group", "../../../kernel/iommu_groups/abc").Mkdir("/sys/kernel/iommu_groups/abc");
        using var root = tree.Root();

        var accelerator = Assert.Single(AcceleratorInspector.Inspect(root).Accelerators.Value);

        Assert.Equal(AcceleratorKinds.AiAccelerator, accelerator.Kind);
        Assert.Equal("0x1e52", accelerator.Vendor);
        Assert.Equal("PCI class 0x120000: processing accelerator", accelerator.Evidence);
        Assert.Equal(UnknownKind.Malformed, accelerator.NumaNode.Reason!.Kind);
        Assert.Equal(UnknownKind.Malformed, accelerator.IommuGroup.Reason!.Kind);
    }

    [Fact]
    public void Devices_of_other_classes_and_links_out_of_the_tree_are_neither()
    {
        using var tree = new TempHostTree();
        tree.Link("/sys/bus/pci/devices/0000:00:04.0", "../../../../../../../../etc")
            .Link("/sys/bus/pci/devices/0000:00:05.0", "../../../devices/pci0000:00/0000:00:05.0")
            .Write("/sys/devices/pci0000:00/0000:00:05.0/class", "0x020000\n");
        using var root = tree.Root();
        var inventory = AcceleratorInspector.Inspect(root);
        Assert.Empty(inventory.Accelerators.Value);
        Assert.Empty(inventory.DisplayAdapters.Value);
    }

    [Fact]
    public void A_tree_without_a_pci_bus_has_none_of_either()
    {
        using var tree = new TempHostTree();
        tree.Write("/proc/version", "Linux version 6.1.0\n");
        using var root = tree.Root();
        var inventory = AcceleratorInspector.Inspect(root);
        Assert.Empty(inventory.Accelerators.Value);
        Assert.Empty(inventory.DisplayAdapters.Value);
    }

    [Fact]
    public void Live_host_display_class_devices_are_each_an_accelerator_or_a_display_adapter()
    {
        using var root = new FileSystemHostRoot("/");
        var expected = Directory.Exists("/sys/bus/pci/devices")
            ? Directory.EnumerateFileSystemEntries("/sys/bus/pci/devices")
                .Where(dir => File.ReadAllText(Path.Combine(dir, "class")).StartsWith("0x03", StringComparison.Ordinal))
                .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : [];

        var inventory = AcceleratorInspector.Inspect(root);
        var display = inventory.Accelerators.Value.Where(a => a.ClassCode.GetValueOrDefault("").StartsWith("0x03", StringComparison.Ordinal)).Select(a => a.PciAddress)
            .Concat(inventory.DisplayAdapters.Value.Select(d => d.PciAddress)).Order(StringComparer.Ordinal);

        Assert.Equal(expected, display);
    }
}
