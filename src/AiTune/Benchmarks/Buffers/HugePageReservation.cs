using AiTune.Inspection.Memory;
using AiTune.Units;

namespace AiTune.Benchmarks.Buffers;

/// <summary>
/// Whether the huge page pool can back a hugetlb buffer, checked before mapping it, with one answer for every suite
/// when it cannot: the sysctl that reserves the pages for this boot and the aitune line that keeps them.
/// </summary>
public static class HugePageReservation
{
    /// <summary>The huge page size and the number of huge pages a <paramref name="bytes"/> buffer takes; throws
    /// <see cref="AiTuneException"/> when the kernel has no pool or fewer pages are free.</summary>
    public static (long PageBytes, long Pages) Require(Meminfo meminfo, long bytes)
    {
        if (!meminfo.Get("Hugepagesize").TryGet(out long pageBytes) || pageBytes <= 0)
        {
            throw new AiTuneException("hugetlb: this kernel has no huge page pool (no Hugepagesize in /proc/meminfo)",
                "a kernel with CONFIG_HUGETLBFS is needed; --pages 4k,thp measure without it");
        }

        long needed = (bytes + pageBytes - 1) / pageBytes;
        long free = meminfo.Get("HugePages_Free").GetValueOrDefault(0);
        long total = meminfo.Get("HugePages_Total").GetValueOrDefault(0);
        if (free < needed)
        {
            throw new AiTuneException(
                $"hugetlb: {free} free huge pages of {ByteSize.Format(pageBytes)}, and a {ByteSize.Format(bytes)} buffer needs {needed}",
                $"reserve them as root: 'sysctl vm.nr_hugepages={total + needed - free}' for this boot, or " +
                $"'aitune plan --profile inference-throughput --model-size {ByteSize.Format(bytes).Replace(" ", "", StringComparison.Ordinal)}' " +
                "and 'aitune apply' to keep it; --pages 4k,thp measure without them");
        }

        return (pageBytes, needed);
    }
}
