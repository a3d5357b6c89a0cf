using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Inspection.Storage;

/// <summary>Reads /sys/block: one entry per disk (partitions live under their disk, so they are not listed).</summary>
public static class StorageInspector
{
    private const string BlockDirectory = "/sys/block";

    /// <summary>Name prefixes of block devices that are not drives of their own, for kernels (or trees) where the
    /// /sys/block link does not show /devices/virtual/.</summary>
    private static readonly string[] VirtualPrefixes = ["loop", "ram", "zram", "dm-", "md", "nbd"];

    public static StorageFacts Inspect(HostRoot root) =>
        new(root.List(BlockDirectory).Map(entries =>
            (IReadOnlyList<BlockDevice>)entries.Select(entry => ReadDevice(root, entry.Name)).ToList()));

    private static BlockDevice ReadDevice(HostRoot root, string name)
    {
        string directory = $"{BlockDirectory}/{name}";
        // Before sysfs links (CONFIG_SYSFS_DEPRECATED) an entry was a directory: no link target to classify by.
        string linkTarget = root.ReadLink(directory).GetValueOrDefault("");
        var queue = directory + "/queue";
        var schedulers = root.ReadParsed(queue + "/scheduler", SchedulerListParser.Parse);
        // With native NVMe multipath (the default where CONFIG_NVME_MULTIPATH=y) a namespace's disk hangs under
        // /devices/virtual/nvme-subsystem/, yet it is the drive itself: an NVMe namespace is never "virtual".
        bool nvme = IsNvme(name, linkTarget);
        return new BlockDevice(
            name,
            root.ReadParsed(directory + "/device/model", ParseModel),
            root.ReadParsed(queue + "/rotational", BlockAttributeParser.ParseFlag),
            nvme,
            !nvme && IsVirtual(name, linkTarget),
            root.ReadParsed(directory + "/size", BlockAttributeParser.ParseSizeBytes),
            schedulers.Map(list => list.Active),
            schedulers.TryGet(out var list) ? list.Available : [],
            root.ReadParsed(queue + "/read_ahead_kb", BlockAttributeParser.ParseCount),
            root.ReadParsed(queue + "/nr_requests", BlockAttributeParser.ParseCount),
            root.ReadParsed(queue + "/max_sectors_kb", BlockAttributeParser.ParseCount));
    }

    /// <summary>device/model: SCSI pads the 16-byte INQUIRY field and NVMe the 40-byte identify field with spaces.</summary>
    private static Fact<string> ParseModel(string path, string text)
    {
        var model = text.Trim();
        return model.Any(char.IsControl)
            ? Fact.Unknown<string>(UnknownReason.Malformed(path, "control characters in a model name"))
            : model;
    }


    /// <summary>Namespaces are nvmeXnY (nvmeXcYnZ for the per-path disks of native multipath); without
    /// multipath the link of an NVMe disk runs through its controller (…/nvme/nvme0/nvme0n1).</summary>
    private static bool IsNvme(string name, string linkTarget) =>
        IsNamespaceName(name) || linkTarget.Contains("/nvme/", StringComparison.Ordinal);

    private static bool IsNamespaceName(string name)
    {
        if (!name.StartsWith("nvme", StringComparison.Ordinal))
        {
            return false;
        }

        // What follows "nvme" is digits, an optional 'c' and digits, then 'n' and digits.
        var rest = name.AsSpan(4);
        if (!SkipDigits(ref rest))
        {
            return false;
        }

        if (rest.Length > 0 && rest[0] == 'c')
        {
            rest = rest[1..];
            if (!SkipDigits(ref rest))
            {
                return false;
            }
        }

        if (rest.Length == 0 || rest[0] != 'n')
        {
            return false;
        }

        rest = rest[1..];
        return SkipDigits(ref rest) && rest.Length == 0;
    }

    /// <summary>Moves past leading digits; false when there is none.</summary>
    private static bool SkipDigits(ref ReadOnlySpan<char> text)
    {
        int count = 0;
        while (count < text.Length && char.IsAsciiDigit(text[count]))
        {
            count++;
        }

        text = text[count..];
        return count > 0;
    }

    private static bool IsVirtual(string name, string linkTarget) =>
        linkTarget.Contains("/devices/virtual/", StringComparison.Ordinal)
        || VirtualPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
