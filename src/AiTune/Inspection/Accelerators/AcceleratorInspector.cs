using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Inspection.Accelerators;

/// <summary>Finds the accelerators and the display adapters among the PCI devices (/sys/bus/pci/devices, links into
/// /sys/devices, and /sys/class/accel whose device links point at them) and reads what the driver and the firmware
/// say about each.</summary>
public static class AcceleratorInspector
{
    private const string PciDevices = "/sys/bus/pci/devices";
    private const string AccelClass = "/sys/class/accel";

    /// <summary>Both lists empty when the host has no PCI bus in sysfs; unknown when the bus could not be listed
    /// (so "no accelerator" is never concluded from an unreadable directory).</summary>
    public static AcceleratorInventory Inspect(HostRoot root)
    {
        var listing = root.List(PciDevices);
        if (!listing.TryGet(out var entries))
        {
            return listing.Reason!.Kind == UnknownKind.Absent
                ? new AcceleratorInventory(Fact.Known<IReadOnlyList<Accelerator>>([]), Fact.Known<IReadOnlyList<DisplayAdapter>>([]))
                : new AcceleratorInventory(Fact.Unknown<IReadOnlyList<Accelerator>>(listing.Reason), Fact.Unknown<IReadOnlyList<DisplayAdapter>>(listing.Reason));
        }

        var accelNames = AccelDevices(root);
        var accelerators = new List<Accelerator>();
        var displays = new List<DisplayAdapter>();
        foreach (var entry in entries)
        {
            string address = entry.Name;
            string directory = $"{PciDevices}/{address}";
            var classCode = root.ReadParsed(directory + "/class", PciAttributeParser.ParseClass);
            var vendorId = root.ReadParsed(directory + "/vendor", PciAttributeParser.ParseId);
            var deviceId = root.ReadParsed(directory + "/device", PciAttributeParser.ParseId);
            var driver = ReadDriver(root, address, directory);
            var role = AcceleratorClassifier.Classify(vendorId.ValueOrDefault, deviceId.ValueOrDefault,
                classCode.TryGet(out var code) ? code : null, driver.ValueOrDefault, accelNames.GetValueOrDefault(address));
            if (role is null)
            {
                continue;
            }

            string vendor = vendorId.TryGet(out var id) ? AcceleratorVendors.Name(id) : "unknown";
            var classText = classCode.Map(c => $"0x{c:x6}");
            if (role.Kind is { } kind)
            {
                accelerators.Add(new Accelerator(
                    address, kind, vendor, vendorId.GetValueOrDefault("unknown"), deviceId, classText, role.Reason,
                    ReadModel(root, address, directory, vendorId, deviceId, accelNames.GetValueOrDefault(address)),
                    driver,
                    root.ReadParsed(directory + "/numa_node", PciAttributeParser.ParseInt),
                    root.ReadParsed(directory + "/local_cpulist", PciAttributeParser.ParseCpuList),
                    ReadIommuGroup(root, directory),
                    ReadDeviceNodes(root, address, directory, vendorId.ValueOrDefault, accelNames.GetValueOrDefault(address)),
                    ReadMemory(root, directory, driver),
                    ReadFirmware(root, kind, vendorId.ValueOrDefault)));
            }
            else
            {
                displays.Add(new DisplayAdapter(address, vendor, vendorId.GetValueOrDefault("unknown"), deviceId, classText, driver, role.Reason));
            }
        }

        return new AcceleratorInventory(Fact.Known<IReadOnlyList<Accelerator>>(accelerators), Fact.Known<IReadOnlyList<DisplayAdapter>>(displays));
    }

    /// <summary>True for a PCI class code of a display controller.</summary>
    public static bool IsDisplayClass(int classCode) => AcceleratorClassifier.IsDisplayClass(classCode);

    /// <summary>Whether the PCI device at a sysfs directory is an accelerator (the IOMMU inspector asks it of group members).</summary>
    public static bool IsAccelerator(HostRoot root, string directory)
    {
        var classCode = root.ReadParsed(directory + "/class", PciAttributeParser.ParseClass);
        var vendorId = root.ReadParsed(directory + "/vendor", PciAttributeParser.ParseId);
        var deviceId = root.ReadParsed(directory + "/device", PciAttributeParser.ParseId);
        var driver = root.ReadLinkName(directory + "/driver").ValueOrDefault;
        var accel = root.List(directory + "/accel").TryGet(out var entries) ? entries.Select(e => e.Name).FirstOrDefault(IsAccelName) : null;
        var role = AcceleratorClassifier.Classify(vendorId.ValueOrDefault, deviceId.ValueOrDefault,
            classCode.TryGet(out var code) ? code : null, driver, accel);
        return role?.IsAccelerator == true;
    }

    /// <summary>/sys/class/accel/accelN/device links to the PCI device: address → accelN.</summary>
    private static Dictionary<string, string> AccelDevices(HostRoot root)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.List(AccelClass).TryGet(out var entries))
        {
            return map;
        }

        foreach (var entry in entries.Where(e => IsAccelName(e.Name)))
        {
            if (root.ReadLinkName($"{AccelClass}/{entry.Name}/device").TryGet(out var address) && IsPciAddress(address))
            {
                map.TryAdd(address, entry.Name);
            }
        }

        return map;
    }

    /// <summary>NVIDIA's information file, amdgpu's product_name, habanalabs' device_type (GAUDI2) on its accel device;
    /// else the PCI ids.</summary>
    private static Fact<string> ReadModel(HostRoot root, string address, string directory, Fact<string> vendorId, Fact<string> deviceId, string? accelName)
    {
        if (vendorId.ValueOrDefault == AcceleratorVendors.NvidiaId
            && root.ReadParsed($"/proc/driver/nvidia/gpus/{address}/information", NvidiaInformationParser.ParseModel).TryGet(out var nvidia))
        {
            return nvidia;
        }

        foreach (var path in accelName is null ? [directory + "/product_name"] : new[] { directory + "/product_name", $"{directory}/accel/{accelName}/device_type" })
        {
            if (root.ReadText(path).TryGet(out var text) && text.Trim() is { Length: > 0 and <= 128 } name && !name.Any(char.IsControl))
            {
                return name;
            }
        }

        return vendorId.TryGet(out var vendor) && deviceId.TryGet(out var device)
            ? $"PCI {vendor}:{device}"
            : Fact.Unknown<string>(UnknownKind.Unreadable, $"no model from the driver and the PCI ids of {address} are unreadable");
    }

    /// <summary>amdgpu is the one driver that exposes device memory in sysfs (mem_info_vram_total).</summary>
    private static Fact<long> ReadMemory(HostRoot root, string directory, Fact<string> driver) =>
        driver.ValueOrDefault == "amdgpu"
            ? root.ReadParsed(directory + "/mem_info_vram_total", PciAttributeParser.ParseCount)
            : Fact.Unknown<long>(UnknownKind.Absent, driver.TryGet(out var name)
                ? $"the {name} driver does not expose device memory in sysfs (amdgpu does: mem_info_vram_total)"
                : "no driver is bound to report device memory");

    /// <summary>The nodes a process opens: /dev/nvidiaN (the information file's Device Minor), /dev/dri/renderDN
    /// (the device's drm/ directory), /dev/accel/accelN (its accel/ directory or /sys/class/accel).</summary>
    private static Fact<IReadOnlyList<string>> ReadDeviceNodes(HostRoot root, string address, string directory, string? vendorId, string? accelName)
    {
        var nodes = new List<string>();
        if (vendorId == AcceleratorVendors.NvidiaId)
        {
            string information = $"/proc/driver/nvidia/gpus/{address}/information";
            if (root.ReadParsed(information, NvidiaInformationParser.ParseDeviceMinor).TryGet(out var minor))
            {
                nodes.Add($"/dev/nvidia{minor}");
            }
        }

        if (root.List(directory + "/drm").TryGet(out var drm))
        {
            nodes.AddRange(drm.Select(e => e.Name).Where(name => IsNumbered(name, "renderD")).Select(name => "/dev/dri/" + name));
        }

        if (root.List(directory + "/accel").TryGet(out var accel))
        {
            nodes.AddRange(accel.Select(e => e.Name).Where(IsAccelName).Select(name => "/dev/accel/" + name));
        }

        if (accelName is not null && !nodes.Contains("/dev/accel/" + accelName))
        {
            nodes.Add("/dev/accel/" + accelName);
        }

        return nodes.Count > 0
            ? Fact.Known<IReadOnlyList<string>>(nodes)
            : Fact.Unknown<IReadOnlyList<string>>(UnknownKind.Absent,
                $"no device node: no NVIDIA Device Minor, no renderD or accel entry under {directory} (driver not bound or not initialised)");
    }

    /// <summary>Gaudi's habanalabs loads /lib/firmware/habanalabs/…, Intel's intel_vpu /lib/firmware/intel/vpu/…
    /// (/usr/lib/firmware on merged-/usr trees without the /lib link).</summary>
    private static AcceleratorFirmware? ReadFirmware(HostRoot root, string kind, string? vendorId)
    {
        string? relative = vendorId switch
        {
            AcceleratorVendors.HabanaId => "habanalabs",
            AcceleratorVendors.IntelId when kind == AcceleratorKinds.Npu => "intel/vpu",
            _ => null,
        };
        if (relative is null)
        {
            return null;
        }

        string directory = "/lib/firmware/" + relative;
        if (!root.Exists(directory) && root.Exists("/usr/lib/firmware/" + relative))
        {
            directory = "/usr/lib/firmware/" + relative;
        }

        var listing = root.List(directory);
        if (!listing.TryGet(out var entries))
        {
            return new AcceleratorFirmware(directory, listing.Reason!.Kind == UnknownKind.Absent
                ? Fact.Known<IReadOnlyList<string>>([])
                : Fact.Unknown<IReadOnlyList<string>>(listing.Reason));
        }

        var files = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.Kind == HostEntryKind.Directory && root.List($"{directory}/{entry.Name}").TryGet(out var inner))
            {
                files.AddRange(inner.Where(e => e.Kind != HostEntryKind.Directory).Select(e => $"{entry.Name}/{e.Name}"));
            }
            else if (entry.Kind != HostEntryKind.Directory)
            {
                files.Add(entry.Name);
            }
        }

        return new AcceleratorFirmware(directory, Fact.Known<IReadOnlyList<string>>(files));
    }

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

    private static bool IsAccelName(string name) => IsNumbered(name, "accel");

    private static bool IsNumbered(string name, string prefix) =>
        name.Length > prefix.Length && name.Length <= prefix.Length + 6 && name.StartsWith(prefix, StringComparison.Ordinal)
        && name[prefix.Length..].All(char.IsAsciiDigit);

    /// <summary>"0000:98:00.0": domain, bus, device, function.</summary>
    private static bool IsPciAddress(string name) =>
        name.Length == 12 && name[4] == ':' && name[7] == ':' && name[10] == '.'
        && name.Where((_, i) => i is not (4 or 7 or 10)).All(char.IsAsciiHexDigit);
}
