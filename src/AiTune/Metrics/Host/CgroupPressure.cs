using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Cgroups;

namespace AiTune.Metrics.Host;

/// <summary>The pressure files of one cgroup (cgroup v2: cpu.pressure, memory.pressure, io.pressure, and irq.pressure
/// on Linux 6.1 and later), each line read on its own: irq.pressure has no "some" line.</summary>
public sealed record CgroupPressure(CgroupDirectory Cgroup, IReadOnlyList<PressureReading> Readings)
{
    public static readonly IReadOnlyList<string> Resources = ["cpu", "memory", "io", "irq"];

    public static CgroupPressure Read(HostRoot root, CgroupDirectory cgroup) =>
        new(cgroup, Resources.SelectMany(resource =>
        {
            string path = $"{cgroup.HostPath.TrimEnd('/')}/{resource}.pressure";
            var text = root.ReadText(path);
            return PressureReading.KindsOf(resource).Select(kind => new PressureReading(resource, kind, text.Bind(t => PressureParser.ParseLine(path, t, kind))));
        }).ToList());
}
