namespace AiTune.Inspection.Accelerators;

/// <summary>
/// Decides from a PCI device's ids, class and driver whether it is an AI accelerator, a display adapter that is not
/// one, or neither. An accelerator is what a compute stack can use: a device the kernel lists under /sys/class/accel,
/// one bound to a compute-accelerator driver, a PCI processing accelerator (class 0x12), a Google TPU, and the
/// display controllers of the compute-GPU vendors (NVIDIA, AMD, Intel; Intel's integrated GPUs count, since i915/xe
/// run oneAPI Level Zero and OpenVINO). A BMC's or a virtual machine's display never is; a display controller of any
/// other vendor is taken as a plain display adapter (conservative: no compute stack aitune knows runs on it).
/// </summary>
public static class AcceleratorClassifier
{
    /// <summary>PCI base class 0x03: display controller (0x0300 VGA, 0x0302 3D such as H100, 0x0380 other such as MI210).</summary>
    private const int DisplayBaseClass = 0x03;

    /// <summary>PCI base class 0x12: processing accelerator (Gaudi2 0x120000, Intel NPU 0x120000).</summary>
    private const int ProcessingAcceleratorBaseClass = 0x12;

    /// <summary>PCI class 0x0880: "other system peripheral", what the Coral Edge TPU reports.</summary>
    private const int OtherSystemPeripheralClass = 0x0880;

    /// <summary>The drivers of the kernel's compute-accelerator subsystem (drivers/accel) and of Google's TPUs.</summary>
    private static readonly IReadOnlyDictionary<string, string> ComputeDrivers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["habanalabs"] = AcceleratorKinds.AiAccelerator,
        ["qaic"] = AcceleratorKinds.AiAccelerator,
        ["intel_vpu"] = AcceleratorKinds.Npu,
        ["amdxdna"] = AcceleratorKinds.Npu,
        ["gasket"] = AcceleratorKinds.Tpu,
        ["apex"] = AcceleratorKinds.Tpu,
    };

    /// <summary>Intel NPU device ids (Meteor Lake, Arrow Lake, Lunar Lake, Panther Lake), named npu even before intel_vpu binds.</summary>
    private static readonly HashSet<string> IntelNpuDevices = new(StringComparer.Ordinal) { "0x7d1d", "0xad1d", "0x643e", "0xb03e" };

    /// <summary>Google Cloud TPU device ids (v2/v3, v4, v5p, v5e, v6e).</summary>
    private static readonly HashSet<string> GoogleTpuDevices = new(StringComparer.Ordinal) { "0x0027", "0x005e", "0x0062", "0x0063", "0x006f" };

    /// <summary>True for a PCI class code of a display controller.</summary>
    public static bool IsDisplayClass(int classCode) => classCode >> 16 == DisplayBaseClass;

    /// <param name="vendorId">"0x10de", or null when unreadable.</param>
    /// <param name="deviceId">"0x2330", or null when unreadable.</param>
    /// <param name="classCode">The 24-bit class, or null when unreadable.</param>
    /// <param name="driver">The bound driver, or null when none is bound or it cannot be read.</param>
    /// <param name="accelName">accelN when /sys/class/accel lists the device, else null.</param>
    /// <returns>The device's role, or null when it is neither an accelerator nor a display adapter.</returns>
    public static PciDeviceRole? Classify(string? vendorId, string? deviceId, int? classCode, string? driver, string? accelName)
    {
        string kind = KindOf(vendorId, deviceId, classCode, driver);
        if (accelName is not null)
        {
            return new PciDeviceRole(kind, $"compute accelerator {accelName} in /sys/class/accel");
        }

        if (driver is not null && ComputeDrivers.ContainsKey(driver))
        {
            return new PciDeviceRole(kind, $"bound to the compute-accelerator driver {driver}");
        }

        if (classCode is { } processing && processing >> 16 == ProcessingAcceleratorBaseClass)
        {
            return new PciDeviceRole(kind, $"PCI class 0x{processing:x6}: processing accelerator");
        }

        if (IsTpu(vendorId, deviceId, classCode))
        {
            return new PciDeviceRole(AcceleratorKinds.Tpu, $"Google TPU ({vendorId}:{deviceId})");
        }

        if (classCode is not { } code || !IsDisplayClass(code))
        {
            return null;
        }

        var driverText = driver is null ? "no driver bound" : $"driver {driver}";
        if (KnownDisplayAdapters.Match(vendorId, deviceId, driver) is { } known)
        {
            return new PciDeviceRole(null, $"{known.Description} ({driverText})");
        }

        if (AcceleratorVendors.MakesComputeGpus(vendorId))
        {
            return new PciDeviceRole(AcceleratorKinds.Gpu, $"{Capitalized(AcceleratorVendors.Name(vendorId!))} display controller (class 0x{code:x6})");
        }

        return new PciDeviceRole(null, vendorId is null
            ? $"vendor unreadable, not a known compute vendor ({driverText})"
            : $"unknown vendor {vendorId}, not a known compute vendor ({driverText})");
    }

    private static string KindOf(string? vendorId, string? deviceId, int? classCode, string? driver)
    {
        if (driver is not null && ComputeDrivers.TryGetValue(driver, out var byDriver))
        {
            return byDriver;
        }

        if (vendorId == AcceleratorVendors.IntelId && deviceId is not null && IntelNpuDevices.Contains(deviceId))
        {
            return AcceleratorKinds.Npu;
        }

        if (IsTpu(vendorId, deviceId, classCode))
        {
            return AcceleratorKinds.Tpu;
        }

        return classCode is { } code && IsDisplayClass(code) && AcceleratorVendors.MakesComputeGpus(vendorId)
            ? AcceleratorKinds.Gpu
            : AcceleratorKinds.AiAccelerator;
    }

    /// <summary>Google's vendor id also names gVNIC (a network card), so a TPU is known by its device id; the Coral
    /// Edge TPU by its vendor and class.</summary>
    private static bool IsTpu(string? vendorId, string? deviceId, int? classCode) =>
        (vendorId == AcceleratorVendors.GoogleId && deviceId is not null && GoogleTpuDevices.Contains(deviceId))
        || (vendorId == AcceleratorVendors.CoralId && classCode == OtherSystemPeripheralClass);

    private static string Capitalized(string name) => name switch
    {
        "nvidia" => "NVIDIA",
        "amd" => "AMD",
        "intel" => "Intel",
        _ => name,
    };
}
