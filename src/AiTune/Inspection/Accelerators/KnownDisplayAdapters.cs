namespace AiTune.Inspection.Accelerators;

/// <summary>The display adapters of baseboard management controllers and virtual machines: on almost every rack
/// server and every VM, and never an AI accelerator.</summary>
public static class KnownDisplayAdapters
{
    public static IReadOnlyList<KnownDisplayAdapter> All { get; } =
    [
        new("0x1a03", null, ["ast"], "ASPEED BMC display adapter"),
        new("0x102b", null, ["mgag200"], "Matrox G200 BMC display adapter (Dell iDRAC, HPE iLO)"),
        new("0x1002", "0x515e", ["radeon"], "ATI ES1000 server display adapter"),
        new("0x1234", null, ["bochs-drm", "bochs"], "QEMU/Bochs virtual display"),
        new("0x1013", null, ["cirrus", "cirrus-qemu"], "Cirrus Logic virtual display (QEMU)"),
        new("0x1af4", null, ["virtio-pci", "virtio_gpu"], "virtio-gpu virtual display"),
        new("0x1b36", null, ["qxl"], "QXL virtual display (QEMU/SPICE)"),
        new("0x15ad", null, ["vmwgfx"], "VMware SVGA virtual display"),
        new("0x1414", null, ["hyperv_drm", "hyperv_fb"], "Hyper-V virtual display"),
        new("0x80ee", null, ["vboxvideo", "vmwgfx"], "VirtualBox virtual display"),
    ];

    /// <summary>The entry for a display-class device: by vendor (and device), else by a driver only these adapters use.
    /// virtio-pci is matched by vendor only: it is the transport of every virtio device, not a display driver.</summary>
    public static KnownDisplayAdapter? Match(string? vendorId, string? deviceId, string? driver)
    {
        var byVendor = All.FirstOrDefault(known => known.VendorId == vendorId && (known.DeviceId is null || known.DeviceId == deviceId));
        if (byVendor is not null)
        {
            return byVendor;
        }

        return driver is null or "virtio-pci" or "radeon"
            ? null
            : All.FirstOrDefault(known => known.Drivers.Contains(driver));
    }
}
