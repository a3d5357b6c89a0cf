using AiTune.Facts;
using AiTune.Inspection.Cgroups;

namespace AiTune.Metrics.Host;

/// <summary>Pressure stall information of the host: the total= stall time of /proc/pressure/{cpu,memory,io,irq}, some
/// and full, as seconds counters (node_exporter's pressure collector divides the same microseconds by 1e6).</summary>
public sealed class PressureCollector(CgroupFacts cgroups, Fact<PressureLine> irq) : IMetricCollector
{
    public string Name => "pressure";

    public void Collect(CollectorOutput output)
    {
        var samples = new List<MetricSample>();
        foreach (var (resource, stall) in (ReadOnlySpan<(string, Fact<PressureStall>)>)[("cpu", cgroups.CpuPressure), ("memory", cgroups.MemoryPressure), ("io", cgroups.IoPressure)])
        {
            if (output.KnownObject(stall, $"/proc/pressure/{resource}") is { } known)
            {
                samples.Add(Sample(resource, "some", known.Some));
                if (output.KnownObject(known.Full, $"/proc/pressure/{resource} full") is { } full)
                {
                    samples.Add(Sample(resource, "full", full));
                }
            }
        }

        if (output.KnownObject(irq, HostReadings.IrqPressurePath) is { } irqFull)
        {
            samples.Add(Sample("irq", "full", irqFull));
        }

        output.Counter("aitune_pressure_stalled_seconds_total", "Seconds some (at least one) or full (all non-idle) tasks were stalled on the resource since boot: total= of /proc/pressure/RESOURCE",
            samples);
    }

    /// <summary>The microseconds of total= as seconds.</summary>
    public static MetricSample Sample(string resource, string kind, PressureLine line, params (string Name, string Value)[] before) =>
        MetricSample.Of(line.TotalUs / 1e6, [.. before, ("resource", resource), ("kind", kind)]);
}
