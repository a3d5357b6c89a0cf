using AiTune.Inspection.Accelerators;
using CsCheck;

namespace AiTune.Tests.Inspection.Accelerators;

public class AcceleratorClassifierTests
{
    [Theory]
    [InlineData("0x1a03", "0x2000", 0x030000, "ast", "ASPEED BMC display adapter (driver ast)")]
    [InlineData("0x102b", "0x0536", 0x030000, "mgag200", "Matrox G200 BMC display adapter (Dell iDRAC, HPE iLO) (driver mgag200)")]
    [InlineData("0x1002", "0x515e", 0x030000, "radeon", "ATI ES1000 server display adapter (driver radeon)")]
    [InlineData("0x1234", "0x1111", 0x030000, "bochs-drm", "QEMU/Bochs virtual display (driver bochs-drm)")]
    [InlineData("0x1013", "0x00b8", 0x030000, "cirrus-qemu", "Cirrus Logic virtual display (QEMU) (driver cirrus-qemu)")]
    [InlineData("0x1af4", "0x1050", 0x030000, "virtio-pci", "virtio-gpu virtual display (driver virtio-pci)")]
    [InlineData("0x15ad", "0x0405", 0x030000, "vmwgfx", "VMware SVGA virtual display (driver vmwgfx)")]
    [InlineData("0x1414", "0x5353", 0x030000, "hyperv_drm", "Hyper-V virtual display (driver hyperv_drm)")]
    [InlineData("0x1a03", "0x2000", 0x030000, null, "ASPEED BMC display adapter (no driver bound)")]
    [InlineData("0x5143", "0x0001", 0x038000, "ast", "ASPEED BMC display adapter (driver ast)")]
    [InlineData("0x5143", "0x0001", 0x038000, null, "unknown vendor 0x5143, not a known compute vendor (no driver bound)")]
    public void Bmc_virtual_and_unknown_displays_are_not_accelerators(string vendor, string device, int classCode, string? driver, string reason)
    {
        var role = AcceleratorClassifier.Classify(vendor, device, classCode, driver, null);

        Assert.NotNull(role);
        Assert.False(role.IsAccelerator);
        Assert.Equal(reason, role.Reason);
    }

    [Theory]
    [InlineData("0x10de", "0x2330", 0x030200, "nvidia", null, AcceleratorKinds.Gpu)]
    [InlineData("0x10de", "0x2330", 0x030200, "vfio-pci", null, AcceleratorKinds.Gpu)]
    [InlineData("0x1002", "0x740f", 0x038000, "amdgpu", null, AcceleratorKinds.Gpu)]
    [InlineData("0x8086", "0x7d55", 0x030000, "i915", null, AcceleratorKinds.Gpu)]
    [InlineData("0x1da3", "0x1020", 0x120000, "habanalabs", "accel0", AcceleratorKinds.AiAccelerator)]
    [InlineData("0x1da3", "0x1020", 0x120000, null, null, AcceleratorKinds.AiAccelerator)]
    [InlineData("0x8086", "0x7d1d", 0x120000, null, null, AcceleratorKinds.Npu)]
    [InlineData("0x1022", "0x1502", 0x118000, "amdxdna", "accel0", AcceleratorKinds.Npu)]
    [InlineData("0x17cb", "0xa100", 0xff0000, "qaic", null, AcceleratorKinds.AiAccelerator)]
    [InlineData("0x1ae0", "0x0063", 0x0880ff, "vfio-pci", null, AcceleratorKinds.Tpu)]
    [InlineData("0x1ac1", "0x089a", 0x088000, "apex", null, AcceleratorKinds.Tpu)]
    public void Compute_devices_are_accelerators_of_their_kind(string vendor, string device, int classCode, string? driver, string? accel, string kind)
    {
        var role = AcceleratorClassifier.Classify(vendor, device, classCode, driver, accel);

        Assert.NotNull(role);
        Assert.Equal(kind, role.Kind);
    }

    [Fact]
    public void Google_network_cards_and_other_classes_are_neither()
    {
        Assert.Null(AcceleratorClassifier.Classify("0x1ae0", "0x0042", 0x020000, "gve", null));
        Assert.Null(AcceleratorClassifier.Classify("0x10de", "0x22a3", 0x068000, null, null));
        Assert.Null(AcceleratorClassifier.Classify(null, null, null, null, null));
    }

    [Fact]
    public void Any_ids_and_drivers_classify_without_throwing_and_a_bmc_vendor_display_is_never_an_accelerator()
    {
        Gen.Select(Gen.String, Gen.String, Gen.Int[0, 0xffffff], Gen.String).Sample((vendor, device, code, driver) =>
        {
            AcceleratorClassifier.Classify(vendor, device, code, driver, null);
            var bmc = AcceleratorClassifier.Classify("0x1a03", device, 0x030000 | (code & 0xffff), driver == "habanalabs" ? null : driver, null);
            Assert.False(bmc!.IsAccelerator);
        });
    }
}
