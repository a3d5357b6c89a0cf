using AiTune.Facts;

namespace AiTune.Inspection.Accelerators;

/// <summary>A display controller that is not an accelerator: a BMC's video (ASPEED, Matrox), a virtual machine's
/// display (QEMU/Bochs, Cirrus, virtio-gpu, VMware SVGA, Hyper-V) or a display of a vendor with no compute stack.</summary>
/// <param name="Reason">Why it is not an accelerator, e.g. "ASPEED BMC display adapter (driver ast)".</param>
public sealed record DisplayAdapter(
    string PciAddress,
    string Vendor,
    string VendorId,
    Fact<string> DeviceId,
    Fact<string> ClassCode,
    Fact<string> Driver,
    string Reason);
