using AiTune.Facts;
using AiTune.Inspection.Memory;

namespace AiTune.Metrics.Host;

/// <summary>MemTotal, MemAvailable, swappiness and overcommit.</summary>
public sealed class MemoryCollector(MemoryFacts memory) : IMetricCollector
{
    public string Name => "memory";

    public void Collect(CollectorOutput output)
    {
        Single(output, "aitune_memory_total_bytes", "MemTotal of /proc/meminfo, in bytes", memory.TotalBytes, "MemTotal");
        Single(output, "aitune_memory_available_bytes", "MemAvailable of /proc/meminfo: memory available for new work without swapping, in bytes", memory.AvailableBytes, "MemAvailable");
        Single(output, "aitune_memory_swappiness", "vm.swappiness", memory.Swappiness, "vm.swappiness");
        Single(output, "aitune_memory_overcommit_mode", "vm.overcommit_memory: 0 heuristic, 1 always, 2 never (strict accounting)", memory.OvercommitMemory, "vm.overcommit_memory");
        Single(output, "aitune_memory_overcommit_ratio", "vm.overcommit_ratio: the percentage of RAM committable under vm.overcommit_memory=2", memory.OvercommitRatio, "vm.overcommit_ratio");
    }

    private static void Single(CollectorOutput output, string name, string help, Fact<long> fact, string what)
    {
        if (output.Known(fact, what) is { } value)
        {
            output.Gauge(name, help, [MetricSample.Of(value)]);
        }
    }
}
