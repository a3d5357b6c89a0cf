namespace AiTune.Metrics.Host;

/// <summary>Pressure stall information of the cgroups asked for with --cgroup (node_exporter leaves cgroups to
/// cAdvisor; an AI host without Kubernetes has no cAdvisor, and the serving process's own cgroup is the one whose
/// stalls matter).</summary>
public sealed class CgroupPressureCollector(IReadOnlyList<CgroupPressure> cgroups) : IMetricCollector
{
    public string Name => "cgroup_pressure";

    public void Collect(CollectorOutput output)
    {
        var samples = new List<MetricSample>();
        foreach (var cgroup in cgroups)
        {
            foreach (var reading in cgroup.Readings)
            {
                if (output.KnownObject(reading.Line, $"{cgroup.Cgroup.Name} {reading.Resource}.pressure {reading.Kind}") is { } line)
                {
                    samples.Add(PressureCollector.Sample(reading.Resource, reading.Kind, line, ("cgroup", cgroup.Cgroup.Name)));
                }
            }
        }

        output.Counter("aitune_cgroup_pressure_stalled_seconds_total", "Seconds some or full tasks of the cgroup were stalled on the resource: total= of RESOURCE.pressure in the cgroup's directory",
            samples);
    }
}
