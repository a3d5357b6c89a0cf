using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Cgroups;
using AiTune.Inspection.Memory;

namespace AiTune.Metrics.Host;

/// <summary>What the host collectors read: the host's facts, and the counters only metrics need (the facts are a
/// picture of settings; these move every second): /proc/vmstat's THP events, IRQ pressure, and the pressure of the
/// cgroups asked for.</summary>
/// <param name="Vmstat">/proc/vmstat, by counter name.</param>
/// <param name="IrqPressure">The "full" line of /proc/pressure/irq (Linux 6.1 and later, with IRQ time accounting).</param>
/// <param name="Cgroups">The pressure files of each cgroup given with --cgroup, in the order given.</param>
public sealed record HostReadings(
    HostFacts Facts,
    Fact<IReadOnlyDictionary<string, long>> Vmstat,
    Fact<PressureLine> IrqPressure,
    IReadOnlyList<CgroupPressure> Cgroups)
{
    public const string IrqPressurePath = PressureParser.IrqPath;

    /// <summary>Reads the counters through <paramref name="root"/>, beside facts read from the same root.</summary>
    /// <param name="cgroups">Cgroup directories (host paths under the cgroup v2 mount).</param>
    public static HostReadings Read(HostRoot root, HostFacts facts, IReadOnlyList<CgroupDirectory> cgroups) =>
        new(facts,
            root.ReadText(VmstatParser.Path).Bind(text => VmstatParser.Parse(text)),
            root.ReadText(IrqPressurePath).Bind(text => PressureParser.ParseLine(IrqPressurePath, text, "full")),
            cgroups.Select(c => CgroupPressure.Read(root, c)).ToList());
}
