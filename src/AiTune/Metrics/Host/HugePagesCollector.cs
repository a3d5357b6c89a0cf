using System.Globalization;
using AiTune.Facts;
using AiTune.Inspection.Memory;

namespace AiTune.Metrics.Host;

/// <summary>Huge page pools per page size and NUMA node (node_exporter has no per-size, per-node counts: /proc/meminfo
/// covers the default size only), the host-wide reservations, and what the configuration asks for beside them.</summary>
public sealed class HugePagesCollector(MemoryFacts memory) : IMetricCollector
{
    public const string CommandLineSource = "cmdline";
    public const string SysctlSource = "sysctl";

    public string Name => "hugepages";

    public void Collect(CollectorOutput output)
    {
        var pool = new List<MetricSample>();
        var free = new List<MetricSample>();
        var surplus = new List<MetricSample>();
        if (output.KnownObject(memory.NumaNodes, "NUMA nodes") is { } nodes)
        {
            foreach (var node in nodes)
            {
                foreach (var size in node.HugePages)
                {
                    string where = $"node{node.Id} hugepages-{size.PageSizeBytes / 1024}kB";
                    PerNode(output, pool, size.Total, where + " nr_hugepages", size.PageSizeBytes, node.Id);
                    PerNode(output, free, size.Free, where + " free_hugepages", size.PageSizeBytes, node.Id);
                    PerNode(output, surplus, size.Surplus, where + " surplus_hugepages", size.PageSizeBytes, node.Id);
                }
            }
        }

        output.Gauge("aitune_hugepages_pool_pages", "Huge pages the kernel holds, per page size and NUMA node (nr_hugepages of /sys/devices/system/node/nodeN/hugepages)", pool);
        output.Gauge("aitune_hugepages_free_pages", "Huge pages of the pool not in use, per page size and NUMA node (free_hugepages)", free);
        output.Gauge("aitune_hugepages_surplus_pages", "Huge pages allocated beyond the pool under overcommit, per page size and NUMA node (surplus_hugepages)", surplus);

        var reserved = new List<MetricSample>();
        if (output.KnownObject(memory.HugePages, "huge page pools") is { } pools)
        {
            foreach (var size in pools)
            {
                if (output.Known(size.Reserved, $"hugepages-{size.PageSizeBytes / 1024}kB resv_hugepages") is { } count)
                {
                    reserved.Add(MetricSample.Of(count, ("page_size_bytes", Text(size.PageSizeBytes))));
                }
            }
        }

        output.Gauge("aitune_hugepages_reserved_pages", "Huge pages promised to mappings but not yet faulted in, per page size (resv_hugepages; the kernel keeps no per-node count)", reserved);
        output.Gauge("aitune_hugepages_requested_pages", "Huge pages the configuration asks for at boot, per page size and source (cmdline: hugepages= on the kernel command line, summed over nodes; sysctl: vm.nr_hugepages in the sysctl files)",
            Requested(output));
    }

    private List<MetricSample> Requested(CollectorOutput output)
    {
        var sums = new SortedDictionary<(string Source, long Size), long>();
        foreach (var request in memory.HugePageRequests)
        {
            long? size = request.PageSizeBytes;
            if (size is null && output.Known(memory.DefaultHugePageSizeBytes, "Hugepagesize (the size of a request that names none)") is { } defaultSize)
            {
                size = defaultSize;
            }

            if (size is { } known)
            {
                var key = (request.Source == HugePageCommandLine.Source ? CommandLineSource : SysctlSource, known);
                sums[key] = sums.GetValueOrDefault(key) + request.Count;
            }
        }

        return sums.Select(s => MetricSample.Of(s.Value, ("page_size_bytes", Text(s.Key.Size)), ("source", s.Key.Source))).ToList();
    }

    private static void PerNode(CollectorOutput output, List<MetricSample> samples, Fact<long> fact, string what, long pageSizeBytes, int node)
    {
        if (output.Known(fact, what) is { } count)
        {
            samples.Add(MetricSample.Of(count, ("page_size_bytes", Text(pageSizeBytes)), ("node", Text(node))));
        }
    }

    private static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);
}
