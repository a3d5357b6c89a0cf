using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Mounts;

namespace AiTune.Inspection.Cgroups;

/// <summary>Reads the cgroup layout from the mount table, the v2 root's controller files, and /proc/pressure.</summary>
public static class CgroupInspector
{
    /// <summary>Where the unified hierarchy lives: alone (v2), or beside v1 hierarchies (systemd's hybrid mode).</summary>
    private static readonly string[] V2MountPoints = ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"];

    private static readonly string[] PressureResources = ["cpu", "memory", "io"];

    public static CgroupFacts Inspect(HostRoot root, Fact<IReadOnlyList<Mount>> mounts)
    {
        var pressure = PressureResources.Select(resource => ReadPressure(root, resource)).ToList();
        var psi = PsiAvailable(pressure);
        if (!mounts.TryGet(out var table))
        {
            var unknown = mounts.Reason!;
            return new CgroupFacts(Fact.Unknown<CgroupVersion>(unknown), [], Fact.Unknown<IReadOnlyList<string>>(unknown),
                Fact.Unknown<IReadOnlyList<string>>(unknown), psi, pressure[0].Stall, pressure[1].Stall, pressure[2].Stall);
        }

        var cgroupMounts = table
            .Where(m => m.FsType is "cgroup" or "cgroup2")
            .ToList()
            .ConvertAll(m => m.FsType == "cgroup"
                ? new CgroupMount(m.MountPoint, m.FsType, CgroupV1OptionsParser.Controllers(m.Options), CgroupV1OptionsParser.Name(m.Options))
                : new CgroupMount(m.MountPoint, m.FsType, [], null));
        bool v1 = cgroupMounts.Any(m => m.FsType == "cgroup");
        var v2Mount = cgroupMounts.Where(m => m.FsType == "cgroup2")
            .OrderBy(m => Array.IndexOf(V2MountPoints, m.Path) is var rank && rank < 0 ? V2MountPoints.Length : rank)
            .FirstOrDefault();
        var version = (v1, v2Mount is not null) switch
        {
            (true, true) => Fact.Known(CgroupVersion.Hybrid),
            (true, false) => CgroupVersion.V1,
            (false, true) => CgroupVersion.V2,
            _ => Fact.Unknown<CgroupVersion>(UnknownKind.Absent, $"no cgroup or cgroup2 mount in {MountTable.Path}"),
        };

        return new CgroupFacts(version, cgroupMounts, ReadControllers(root, v2Mount, "cgroup.controllers"),
            ReadControllers(root, v2Mount, "cgroup.subtree_control"), psi, pressure[0].Stall, pressure[1].Stall, pressure[2].Stall);
    }

    private static Fact<IReadOnlyList<string>> ReadControllers(HostRoot root, CgroupMount? v2Mount, string file)
    {
        if (v2Mount is null)
        {
            return Fact.Unknown<IReadOnlyList<string>>(UnknownKind.Absent, $"no cgroup2 hierarchy is mounted, so there is no {file}");
        }

        string path = $"{v2Mount.Path.TrimEnd('/')}/{file}";
        return root.ReadText(path).Bind(text => CgroupControllerListParser.Parse(path, text));
    }

    private static (Fact<string> Text, Fact<PressureStall> Stall) ReadPressure(HostRoot root, string resource)
    {
        string path = $"/proc/pressure/{resource}";
        var text = root.ReadText(path);
        return (text, text.Bind(content => PressureParser.Parse(path, content)));
    }

    /// <summary>
    /// PSI is all or nothing: CONFIG_PSI creates the three files together. With PSI disabled (psi=0, or
    /// CONFIG_PSI_DEFAULT_DISABLED without psi=1) newer kernels leave /proc/pressure out, and older ones kept the
    /// files and failed every read with EOPNOTSUPP: either way PSI is known to be off. Other failures (permission,
    /// a snapshot without the files) leave it unknown.
    /// </summary>
    private static Fact<bool> PsiAvailable(IReadOnlyList<(Fact<string> Text, Fact<PressureStall> Stall)> pressure)
    {
        foreach (var (text, _) in pressure)
        {
            if (text.Reason is { } reason && (reason.Kind == UnknownKind.Absent || IsNotSupported(reason)))
            {
                return false;
            }
        }

        foreach (var (text, _) in pressure)
        {
            if (text.Reason is { } unknown)
            {
                return Fact.Unknown<bool>(unknown);
            }
        }

        return true;
    }

    /// <summary>How a read that failed with EOPNOTSUPP reaches us: the host root reports the error text.</summary>
    private static bool IsNotSupported(UnknownReason reason) =>
        reason.Kind == UnknownKind.Unreadable && reason.Detail.Contains("Operation not supported", StringComparison.OrdinalIgnoreCase);
}
