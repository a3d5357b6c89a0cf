using AiTune.Facts;
using AiTune.Inspection.Cgroups;

namespace AiTune.Metrics.Host;

/// <summary>One line of one pressure file: the resource (cpu, memory, io, irq) and kind (some, full).</summary>
public sealed record PressureReading(string Resource, string Kind, Fact<PressureLine> Line)
{
    /// <summary>The lines a resource's file has: IRQ pressure has "full" only (Linux 6.1: time spent in interrupts
    /// stalls the whole CPU, so "some" would say nothing more).</summary>
    public static IReadOnlyList<string> KindsOf(string resource) => resource == "irq" ? ["full"] : ["some", "full"];
}
