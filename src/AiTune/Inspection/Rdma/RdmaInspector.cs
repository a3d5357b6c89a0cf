using System.Globalization;
using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Accelerators;

namespace AiTune.Inspection.Rdma;

/// <summary>Reads the RDMA fabric: /sys/class/infiniband/DEV (links into the PCI device's infiniband/ directory),
/// its ports, and through its device link the PCI function's NUMA node, driver and network interfaces.</summary>
public static class RdmaInspector
{
    private const string InfinibandClass = "/sys/class/infiniband";

    /// <summary>The RDMA devices; an empty list when the kernel has no RDMA device (the class directory is absent),
    /// unknown when it cannot be listed.</summary>
    public static Fact<IReadOnlyList<RdmaDevice>> Inspect(HostRoot root)
    {
        var listing = root.List(InfinibandClass);
        if (!listing.TryGet(out var entries))
        {
            return listing.Reason!.Kind == UnknownKind.Absent ? Fact.Known<IReadOnlyList<RdmaDevice>>([]) : Fact.Unknown<IReadOnlyList<RdmaDevice>>(listing.Reason);
        }

        return Fact.Known<IReadOnlyList<RdmaDevice>>(entries
            .Where(entry => entry.Name.Length is > 0 and <= 64 && !entry.Name.Any(char.IsControl))
            .Select(entry => ReadDevice(root, entry.Name))
            .ToList());
    }

    private static RdmaDevice ReadDevice(HostRoot root, string name)
    {
        string directory = $"{InfinibandClass}/{name}";
        string device = directory + "/device";
        return new RdmaDevice(
            name,
            root.ReadLinkName(device),
            root.ReadLinkName(device + "/driver"),
            root.ReadParsed(device + "/numa_node", PciAttributeParser.ParseInt),
            root.ReadParsed(directory + "/node_type", RdmaAttributeParser.ParseNumberedName),
            root.ReadParsed(directory + "/fw_ver", RdmaAttributeParser.ParseWord),
            ReadPorts(root, directory + "/ports"),
            ReadNetDevices(root, device + "/net"));
    }

    private static Fact<IReadOnlyList<RdmaPort>> ReadPorts(HostRoot root, string directory) =>
        root.List(directory).Map(entries => (IReadOnlyList<RdmaPort>)entries
            .Where(entry => entry.Name.Length is > 0 and <= 3 && entry.Name.All(char.IsAsciiDigit))
            .Select(entry =>
            {
                string port = $"{directory}/{entry.Name}";
                return new RdmaPort(
                    int.Parse(entry.Name, CultureInfo.InvariantCulture),
                    root.ReadParsed(port + "/state", RdmaAttributeParser.ParseNumberedName),
                    root.ReadParsed(port + "/phys_state", RdmaAttributeParser.ParseNumberedName),
                    root.ReadParsed(port + "/link_layer", RdmaAttributeParser.ParseWord),
                    root.ReadParsed(port + "/rate", RdmaAttributeParser.ParseRate),
                    root.ReadParsed(port + "/rate", RdmaAttributeParser.ParseRateGbps));
            })
            .OrderBy(port => port.Number)
            .ToList());

    /// <summary>The PCI function's net/ directory lists its interfaces; the MTU is /sys/class/net/IF/mtu. An HCA with
    /// no interface (InfiniBand without IPoIB) has none, which is a fact.</summary>
    private static Fact<IReadOnlyList<RdmaNetDevice>> ReadNetDevices(HostRoot root, string directory)
    {
        var listing = root.List(directory);
        if (!listing.TryGet(out var entries))
        {
            return listing.Reason!.Kind == UnknownKind.Absent ? Fact.Known<IReadOnlyList<RdmaNetDevice>>([]) : Fact.Unknown<IReadOnlyList<RdmaNetDevice>>(listing.Reason);
        }

        return Fact.Known<IReadOnlyList<RdmaNetDevice>>(entries
            .Where(entry => entry.Name.Length is > 0 and <= 15 && !entry.Name.Contains('/') && !entry.Name.Any(char.IsControl))
            .Select(entry => new RdmaNetDevice(entry.Name, root.ReadParsed($"/sys/class/net/{entry.Name}/mtu", ParseMtu)))
            .ToList());
    }

    private static Fact<int> ParseMtu(string path, string text) =>
        PciAttributeParser.ParseInt(path, text).Bind(mtu => mtu is > 0 and <= 1 << 20
            ? Fact.Known(mtu)
            : Fact.Unknown<int>(UnknownReason.Malformed(path, $"{mtu} is not an MTU")));
}
