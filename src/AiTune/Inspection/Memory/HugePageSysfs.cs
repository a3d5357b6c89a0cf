using System.Globalization;
using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Inspection.Memory;

/// <summary>Huge page pools in sysfs. Documentation/admin-guide/mm/hugetlbpage.rst: "/sys/kernel/mm/hugepages
/// contains a subdirectory for each of the huge page sizes configured into the kernel … hugepages-${size}kB",
/// holding nr_hugepages, nr_hugepages_mempolicy, nr_overcommit_hugepages, free_hugepages, resv_hugepages and
/// surplus_hugepages; per node, /sys/devices/system/node/node[0-9]*/hugepages/ holds nr_hugepages,
/// free_hugepages and surplus_hugepages.</summary>
public static class HugePageSysfs
{
    public const string PoolsDirectory = "/sys/kernel/mm/hugepages";

    /// <summary>Far above any page size an architecture has (16 GiB on powerpc); bounds hostile names.</summary>
    private const long MaxPageSizeKb = 64L << 20;

    /// <summary>"hugepages-2048kB" → 2097152 bytes; null for any other name.</summary>
    public static long? ParsePageSize(string directoryName)
    {
        const string Prefix = "hugepages-";
        if (!directoryName.StartsWith(Prefix, StringComparison.Ordinal) || !directoryName.EndsWith("kB", StringComparison.Ordinal))
        {
            return null;
        }

        var digits = directoryName.AsSpan(Prefix.Length, directoryName.Length - Prefix.Length - 2);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) && kb > 0 && kb <= MaxPageSizeKb
            ? kb * 1024
            : null;
    }

    /// <summary>One pool per size, smallest first.</summary>
    public static Fact<IReadOnlyList<HugePagePool>> ReadPools(HostRoot root) =>
        SizeDirectories(root, PoolsDirectory).Map(sizes => (IReadOnlyList<HugePagePool>)sizes.Select(s =>
        {
            string dir = PoolsDirectory + "/" + s.Name;
            return new HugePagePool(s.SizeBytes,
                SysfsFile.ReadLong(root, dir + "/nr_hugepages"),
                SysfsFile.ReadLong(root, dir + "/free_hugepages"),
                SysfsFile.ReadLong(root, dir + "/resv_hugepages"),
                SysfsFile.ReadLong(root, dir + "/surplus_hugepages"),
                SysfsFile.ReadLong(root, dir + "/nr_overcommit_hugepages"));
        }).ToList());

    /// <summary>A node's share of each pool; empty when the node has no hugepages directory.</summary>
    public static IReadOnlyList<NodeHugePages> ReadNode(HostRoot root, string nodeDirectory)
    {
        string hugepages = nodeDirectory + "/hugepages";
        return SizeDirectories(root, hugepages).GetValueOrDefault([]).Select(s =>
        {
            string dir = hugepages + "/" + s.Name;
            return new NodeHugePages(s.SizeBytes,
                SysfsFile.ReadLong(root, dir + "/nr_hugepages"),
                SysfsFile.ReadLong(root, dir + "/free_hugepages"),
                SysfsFile.ReadLong(root, dir + "/surplus_hugepages"));
        }).ToList();
    }

    private static Fact<IReadOnlyList<(string Name, long SizeBytes)>> SizeDirectories(HostRoot root, string directory) =>
        root.List(directory).Map(entries => (IReadOnlyList<(string, long)>)entries
            .Where(e => e.Kind == HostEntryKind.Directory)
            .Select(e => (e.Name, Size: ParsePageSize(e.Name)))
            .Where(e => e.Size is not null)
            .Select(e => (e.Name, e.Size!.Value))
            .OrderBy(e => e.Value)
            .ToList());
}
