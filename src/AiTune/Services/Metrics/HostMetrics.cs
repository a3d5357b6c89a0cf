using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Mounts;
using AiTune.Metrics;
using AiTune.Metrics.Host;
using AiTune.Profiles;
using AiTune.Services.Hosts;
using AiTune.Services.Transactions;
using AiTune.Snapshots;
using AiTune.Text;

namespace AiTune.Services.Metrics;

/// <summary>
/// One collection of the host's metrics: opens the host (live, tree or snapshot, as audit does), reads its facts once
/// (the "inspection" collector), then runs the host collectors (kernel, memory, hugepages, thp, pressure,
/// cgroup_pressure, accelerators) and the ones composed from other features (audit, tuning, benchmarks). What the
/// user got wrong (an unknown profile, a bad --root, a cgroup that does not exist) throws before anything is
/// collected; what the host cannot tell fails one collector, never the scrape.
/// </summary>
/// <param name="clock">The time source of durations and timestamps: <see cref="TimeProvider.System"/>, or a fixed
/// one for golden files.</param>
public sealed class HostMetrics(string toolVersion, TimeProvider clock)
{
    public const string InspectionCollector = "inspection";

    public const string DefaultCgroupMount = "/sys/fs/cgroup";

    public CollectedMetrics Collect(MetricsRequest request, CancellationToken cancellation = default) => Collect(request, null, cancellation);

    /// <param name="limit">How long to wait for each collector (aitune serve); null: as long as each takes.</param>
    public CollectedMetrics Collect(MetricsRequest request, CollectorTimeLimit? limit, CancellationToken cancellation)
    {
        var model = request.Model.Requirement();
        var (host, source) = HostRootOpener.Open(request.Root, toolVersion);
        using (host)
        {
            // The reads that need no profile start on a second CPU first, and the profiles load meanwhile (as for
            // the audit); the inspection collector finishes it, and its duration is what it took from there.
            var inspection = HostInspector.Begin(host, source);
            var catalog = ProfileCatalog.Load(host, request.ProfileFiles);
            IReadOnlyList<ProfileSelection> selections = request.Profiles.Count > 0
                ? request.Profiles.Distinct(StringComparer.Ordinal).Select(catalog.Select).ToList()
                : catalog.Selectable.Select(p => new ProfileSelection([p])).ToList();
            var cgroups = ResolveCgroups(host, request.Cgroups);

            HostReadings? readings = null;
            HostReadings Readings() => readings ?? throw new InvalidOperationException("the host's facts could not be read (collector inspection failed)");
            var audit = new AuditCollector(() => Readings().Facts, selections, model, clock);
            bool audited = !request.SkippedCollectors.Contains(audit.Name);
            var registry = new CollectorRegistry(clock, toolVersion)
                .Add(new DelegateCollector(InspectionCollector, _ =>
                {
                    var facts = inspection.Finish(HostOpening.ProfileSysctls(catalog));
                    if (audited)
                    {
                        audit.Prepare(facts); // the profiles' judgement starts beside the collectors before it
                    }

                    readings = HostReadings.Read(host, facts, cgroups);
                }))
                .Add(Deferred("kernel", () => new KernelCollector(Readings().Facts.Kernel)))
                .Add(Deferred("memory", () => new MemoryCollector(Readings().Facts.Memory)))
                .Add(Deferred("hugepages", () => new HugePagesCollector(Readings().Facts.Memory)))
                .Add(Deferred("thp", () => new ThpCollector(Readings().Facts.Memory.Thp, Readings().Vmstat)))
                .Add(Deferred("pressure", () => new PressureCollector(Readings().Facts.Cgroups, Readings().IrqPressure)));
            if (cgroups.Count > 0)
            {
                registry.Add(Deferred("cgroup_pressure", () => new CgroupPressureCollector(Readings().Cgroups)));
            }

            IMetricCollector[] composed =
            [
                Deferred("accelerators", () => new AcceleratorCollector(Readings().Facts.Accelerators)),
                audit,
                new TuningCollector(new TuningTarget(request.Root, request.StateDirectory, request.ProfileFiles), toolVersion),
                new BenchmarkCollector(request.Database, defaultStore: host.IsLive),
            ];
            foreach (var collector in composed.Where(c => !request.SkippedCollectors.Contains(c.Name)))
            {
                registry.Add(collector);
            }

            return registry.Collect(limit, cancellation);
        }
    }

    /// <summary>The cgroups of --cgroup as directories of the cgroup v2 hierarchy; an unknown one is the user's
    /// error, said before anything is collected.</summary>
    public static IReadOnlyList<CgroupDirectory> ResolveCgroups(HostRoot host, IReadOnlyList<string> cgroups)
    {
        if (cgroups.Count == 0)
        {
            return [];
        }

        string mount = MountTable.Read(host).GetValueOrDefault([]).FirstOrDefault(m => m.FsType == "cgroup2")?.MountPoint ?? DefaultCgroupMount;
        var directories = new List<CgroupDirectory>();
        foreach (var given in cgroups.Distinct(StringComparer.Ordinal))
        {
            string relative = given.StartsWith(mount + "/", StringComparison.Ordinal) || given == mount ? given[mount.Length..] : given;
            var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
            string name = "/" + string.Join('/', segments);
            string path = segments.Length == 0 ? mount : mount + name;
            if (segments.Any(s => s is "." or "..") || !host.List(path).IsKnown)
            {
                throw new AiTuneException($"--cgroup {DisplayText.Escape(given)}: there is no cgroup {DisplayText.Escape(path)}",
                    $"give a cgroup as /proc/PID/cgroup names it after '0::' (/system.slice/ollama.service), or its directory under {mount}");
            }

            if (directories.All(d => d.Name != name))
            {
                directories.Add(new CgroupDirectory(name, path));
            }
        }

        return directories;
    }

    private static DelegateCollector Deferred(string name, Func<IMetricCollector> create) =>
        new(name, output => create().Collect(output));
}
