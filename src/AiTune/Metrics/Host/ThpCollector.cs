using AiTune.Facts;
using AiTune.Inspection.Memory;

namespace AiTune.Metrics.Host;

/// <summary>Transparent huge pages: the enabled and defrag modes as statesets (one series per mode the kernel offers,
/// 1 for the active one), and the thp_* event counters of /proc/vmstat.</summary>
public sealed class ThpCollector(Fact<ThpSettings> thp, Fact<IReadOnlyDictionary<string, long>> vmstat) : IMetricCollector
{
    public string Name => "thp";

    public void Collect(CollectorOutput output)
    {
        if (output.KnownObject(thp, "transparent huge pages") is { } settings)
        {
            output.Gauge("aitune_thp_enabled", "Transparent huge pages mode (/sys/kernel/mm/transparent_hugepage/enabled): 1 for the active mode, 0 for the others the kernel offers",
                StateSet(output, settings.Enabled, settings.EnabledOptions, "THP enabled"));
            output.Gauge("aitune_thp_defrag", "Transparent huge pages defrag mode (/sys/kernel/mm/transparent_hugepage/defrag): 1 for the active mode, 0 for the others the kernel offers",
                StateSet(output, settings.Defrag, settings.DefragOptions, "THP defrag"));
        }

        if (output.KnownObject(vmstat, "/proc/vmstat") is { } counters)
        {
            output.Counter("aitune_thp_events_total", "Transparent huge page events since boot: the thp_* counters of /proc/vmstat (fault_alloc, fault_fallback, collapse_alloc, collapse_alloc_failed, split_page …), by name without thp_",
                VmstatParser.ThpEvents(counters).Select(e => MetricSample.Of(e.Value, ("event", e.Key))).ToList());
        }
    }

    private static List<MetricSample> StateSet(CollectorOutput output, Fact<string> active, IReadOnlyList<string> options, string what) =>
        output.KnownObject(active, what) is { } mode
            ? options.Distinct(StringComparer.Ordinal).ToList().ConvertAll(o => MetricSample.Of(o == mode ? 1 : 0, ("mode", o)))
            : [];
}
