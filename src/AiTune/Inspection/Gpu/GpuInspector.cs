using AiTune.Hosting;

namespace AiTune.Inspection.Gpu;

/// <summary>Finds the display controllers among the PCI devices (/sys/bus/pci/devices, links into /sys/devices)
/// and reads what the driver and the firmware say about each.</summary>
public static class GpuInspector
{
    private const string PciDevices = "/sys/bus/pci/devices";

    /// <summary>PCI base class 0x03: display controller (0x0300 VGA, 0x0302 3D such as H100, 0x0380 other such as MI210).</summary>
    private const int DisplayBaseClass = 0x03;

    /// <summary>The GPUs; an empty list when the host has no PCI bus in sysfs, unknown when the bus could not be listed
    /// (so "no GPU" is never concluded from an unreadable directory).</summary>
    public static Fact<IReadOnlyList<GpuDevice>> Inspect(HostRoot root)
    {
        var listing = root.List(PciDevices);
        if (!listing.TryGet(out var entries))
        {
            return listing.Reason!.Kind == UnknownKind.Absent ? Fact.Known<IReadOnlyList<GpuDevice>>([]) : Fact.Unknown<IReadOnlyList<GpuDevice>>(listing.Reason);
        }

        var gpus = new List<GpuDevice>();
        foreach (var entry in entries)
        {
            string directory = $"{PciDevices}/{entry.Name}";
            var classCode = Read(root, directory + "/class", PciAttributeParser.ParseClass);
            if (classCode.TryGet(out var code) && IsDisplayClass(code))
            {
                gpus.Add(ReadGpu(root, entry.Name, directory, code));
            }
        }

        return Fact.Known<IReadOnlyList<GpuDevice>>(gpus);
    }

    /// <summary>True for a PCI class code of a display controller; the IOMMU inspector asks it of group members.</summary>
    public static bool IsDisplayClass(int classCode) => classCode >> 16 == DisplayBaseClass;

    private static GpuDevice ReadGpu(HostRoot root, string address, string directory, int classCode)
    {
        var vendorId = Read(root, directory + "/vendor", PciAttributeParser.ParseId);
        return new GpuDevice(
            address,
            vendorId.TryGet(out var id) ? VendorName(id) : "unknown",
            vendorId.GetValueOrDefault("unknown"),
            Read(root, directory + "/device", PciAttributeParser.ParseId),
            $"0x{classCode:x6}",
            ReadDriver(root, address, directory),
            Read(root, directory + "/numa_node", PciAttributeParser.ParseInt),
            Read(root, directory + "/local_cpulist", PciAttributeParser.ParseCpuList),
            ReadIommuGroup(root, directory),
            Read(root, directory + "/gpu_busy_percent", ParsePercent),
            Read(root, directory + "/mem_info_vram_total", PciAttributeParser.ParseCount),
            Read(root, directory + "/mem_info_vram_used", PciAttributeParser.ParseCount),
            Read(root, $"/proc/driver/nvidia/gpus/{address}/information", NvidiaInformationParser.ParseModel));
    }

    private static string VendorName(string vendorId) => vendorId switch
    {
        "0x10de" => "nvidia",
        "0x1002" => "amd",
        "0x8086" => "intel",
        _ => vendorId,
    };

    /// <summary>The driver link exists only while a driver is bound: no link is a fact (no driver), said plainly.</summary>
    private static Fact<string> ReadDriver(HostRoot root, string address, string directory)
    {
        var driver = root.ReadLinkName(directory + "/driver");
        return driver.Reason?.Kind == UnknownKind.Absent
            ? Fact.Unknown<string>(UnknownKind.Absent, $"no driver is bound to {address} ({directory}/driver does not exist)")
            : driver;
    }

    /// <summary>iommu_group links to /sys/kernel/iommu_groups/N; it exists only while an IOMMU is active.</summary>
    private static Fact<int> ReadIommuGroup(HostRoot root, string directory)
    {
        string path = directory + "/iommu_group";
        return root.ReadLinkName(path).Bind(name =>
            name.Length is > 0 and <= 9 && name.All(char.IsAsciiDigit)
                ? Fact.Known(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture))
                : Fact.Unknown<int>(UnknownReason.Malformed(path, "the link does not end in a group number")));
    }

    private static Fact<long> ParsePercent(string path, string text) =>
        PciAttributeParser.ParseCount(path, text).Bind(percent => percent <= 100
            ? Fact.Known(percent)
            : Fact.Unknown<long>(UnknownReason.Malformed(path, $"{percent} is not a percentage")));

    private static Fact<T> Read<T>(HostRoot root, string path, Func<string, string, Fact<T>> parse) =>
        root.ReadText(path).Bind(text => parse(path, text));
}
