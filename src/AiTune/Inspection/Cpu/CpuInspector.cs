using System.Globalization;
using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Kernel;

namespace AiTune.Inspection.Cpu;

/// <summary>Reads processor facts from /proc/cpuinfo and /sys/devices/system/cpu.</summary>
public static class CpuInspector
{
    public const string CpuDirectory = "/sys/devices/system/cpu";
    public const string CpufreqDirectory = CpuDirectory + "/cpufreq";
    public const string IntelPstateDirectory = CpuDirectory + "/intel_pstate";
    public const string CpuidleDirectory = CpuDirectory + "/cpuidle";
    public const string VulnerabilitiesDirectory = CpuDirectory + "/vulnerabilities";

    /// <remarks>nohz_full prints "(null)" when no CPU is nohz_full and the kernel keeps its CPU masks off the
    /// stack (CONFIG_CPUMASK_OFFSTACK, distribution kernels): that is "none", as an empty file is.</remarks>
    /// <param name="kernel">The running kernel: its version says where the scheduler tunables live.</param>
    /// <param name="lockdown">The lockdown mode, which blocks the scheduler tunables in debugfs.</param>
    public static CpuFacts Inspect(HostRoot root, KernelFacts kernel, Fact<string> lockdown) =>
        Inspect(root, kernel.Release, kernel.Cmdline, lockdown);

    /// <param name="release">The running kernel's release: it says where the scheduler tunables live.</param>
    /// <param name="cmdline">Its command line.</param>
    /// <param name="lockdown">The lockdown mode, which blocks the scheduler tunables in debugfs.</param>
    public static CpuFacts Inspect(HostRoot root, Fact<string> release, Fact<KernelCommandLine> cmdline, Fact<string> lockdown)
    {
        var processors = root.ReadText(CpuinfoParser.Path).Map(CpuinfoParser.Parse);
        var first = processors.Bind(list => list.Count > 0
            ? Fact.Known(list[0])
            : Fact.Unknown<CpuinfoProcessor>(UnknownReason.Malformed(CpuinfoParser.Path, "no processor block")));
        var online = ReadCpuList(root, CpuDirectory + "/online");
        var topology = ReadTopology(root, processors, online);
        var policies = ReadPolicies(root);
        return new CpuFacts(
            first.Bind(p => Field(p, "model name", "arm64 prints none")),
            first.Bind(p => p["CPU implementer"] is { } implementer ? Fact.Known(ArmImplementer.Name(implementer)) : Field(p, "vendor_id", "")),
            online.TryGet(out var cpus) ? cpus.Count : processors.Map(list => list.Count),
            topology.Map(t => t.Cores),
            topology.Map(t => t.Sockets),
            SysfsFile.ReadString(root, CpuDirectory + "/smt/control"),
            SysfsFile.ReadFlag(root, CpuDirectory + "/smt/active"),
            first.Bind(p => (p["flags"] ?? p["Features"]) is { } flags
                ? Fact.Known<IReadOnlyList<string>>(flags.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                : Fact.Unknown<IReadOnlyList<string>>(UnknownKind.Absent, $"{CpuinfoParser.Path} has no flags or Features line")),
            policies.Map(list => list.Count > 0),
            policies.Bind(list => list.Count > 0 ? list[0].Driver : Fact.Unknown<string>(UnknownKind.Absent, "no cpufreq policy (no frequency scaling driver)")),
            policies.GetValueOrDefault([]),
            ReadBoost(root),
            SysfsFile.ReadString(root, IntelPstateDirectory + "/status"),
            ReadIdle(root),
            SysfsFile.ReadString(root, CpuDirectory + "/isolated"),
            SysfsFile.ReadString(root, CpuDirectory + "/nohz_full").Map(text => text == "(null)" ? "" : text),
            ReadVulnerabilities(root),
            SchedulerTunables.Read(root, release, cmdline, lockdown));
    }

    private static Fact<string> Field(CpuinfoProcessor processor, string key, string note) =>
        processor[key] is { } value
            ? value
            : Fact.Unknown<string>(UnknownKind.Absent, $"{CpuinfoParser.Path} has no '{key}' line" + (note.Length > 0 ? $" ({note})" : ""));

    private static Fact<IReadOnlyList<int>> ReadCpuList(HostRoot root, string path) =>
        SysfsFile.ReadString(root, path).Bind(text => CpuList.Parse(text, path));

    /// <summary>Cores (distinct package and core id pairs) and sockets (distinct package ids), from cpuinfo where
    /// it has "physical id" and "core id" (x86), else from each online CPU's sysfs topology
    /// (Documentation/admin-guide/cputopology.rst: physical_package_id, core_id).</summary>
    public static Fact<(int Cores, int Sockets)> ReadTopology(HostRoot root, Fact<IReadOnlyList<CpuinfoProcessor>> processors, Fact<IReadOnlyList<int>> online)
    {
        if (processors.TryGet(out var list) && list.Count > 0 && list.All(p => p["physical id"] is not null && p["core id"] is not null))
        {
            return Count(list.Select(p => (p["physical id"]!, p["core id"]!)));
        }

        if (!online.TryGet(out var cpus))
        {
            return Fact.Unknown<(int, int)>(online.Reason!);
        }

        var pairs = new List<(string, string)>();
        foreach (var cpu in cpus)
        {
            string dir = $"{CpuDirectory}/cpu{cpu}/topology";
            var package = SysfsFile.ReadLong(root, dir + "/physical_package_id");
            var core = SysfsFile.ReadLong(root, dir + "/core_id");
            if (!package.IsKnown || !core.IsKnown)
            {
                return Fact.Unknown<(int, int)>((package.Reason ?? core.Reason)!);
            }

            pairs.Add((package.Value.ToString(CultureInfo.InvariantCulture), core.Value.ToString(CultureInfo.InvariantCulture)));
        }

        return Count(pairs);

        static Fact<(int, int)> Count(IEnumerable<(string Package, string Core)> pairs)
        {
            var distinct = pairs.Distinct().ToList();
            return (distinct.Count, distinct.Select(p => p.Package).Distinct().Count());
        }
    }

    /// <summary>Documentation/admin-guide/pm/cpufreq.rst: "/sys/devices/system/cpu/cpufreq/policyX/ … one policy
    /// directory per CPU sharing a hardware P-state"; none when no scaling driver is loaded (most VMs).</summary>
    public static Fact<IReadOnlyList<CpufreqPolicy>> ReadPolicies(HostRoot root)
    {
        var listing = root.List(CpufreqDirectory);
        if (!listing.TryGet(out var entries))
        {
            return listing.Reason!.Kind == UnknownKind.Absent ? Fact.Known<IReadOnlyList<CpufreqPolicy>>([]) : Fact.Unknown<IReadOnlyList<CpufreqPolicy>>(listing.Reason);
        }

        return NumberedEntries.Of(entries, "policy", HostEntryKind.Directory, HostEntryKind.Symlink).Select(e =>
        {
            string dir = CpufreqDirectory + "/" + e.Name;
            return new CpufreqPolicy(
                e.Name,
                SysfsFile.ReadString(root, dir + "/affected_cpus"),
                SysfsFile.ReadString(root, dir + "/scaling_driver"),
                SysfsFile.ReadString(root, dir + "/scaling_governor"),
                SysfsFile.ReadWords(root, dir + "/scaling_available_governors").GetValueOrDefault([]),
                SysfsFile.ReadString(root, dir + "/energy_performance_preference"),
                SysfsFile.ReadWords(root, dir + "/energy_performance_available_preferences").GetValueOrDefault([]),
                SysfsFile.ReadLong(root, dir + "/scaling_min_freq"),
                SysfsFile.ReadLong(root, dir + "/scaling_max_freq"),
                SysfsFile.ReadLong(root, dir + "/cpuinfo_max_freq"));
        }).ToList();
    }

    /// <summary>cpufreq/boost where the driver has it (acpi-cpufreq, amd-pstate); intel_pstate has none and says
    /// no_turbo instead ("If set (equal to 1), the driver is not allowed to set any turbo P-states").</summary>
    public static Fact<bool> ReadBoost(HostRoot root)
    {
        string boost = CpufreqDirectory + "/boost";
        if (root.Exists(boost))
        {
            return SysfsFile.ReadFlag(root, boost);
        }

        string noTurbo = IntelPstateDirectory + "/no_turbo";
        return root.Exists(noTurbo)
            ? SysfsFile.ReadFlag(root, noTurbo).Map(off => !off)
            : Fact.Unknown<bool>(UnknownKind.Absent, $"neither {boost} nor {noTurbo} exists");
    }

    /// <summary>Documentation/admin-guide/pm/cpuidle.rst: current_driver, current_governor (current_governor_ro
    /// when governors cannot be switched), and per state "name", "desc", "latency" (exit latency, µs),
    /// "residency" (target residency, µs) and "disable". A state that does not read makes the whole fact unknown:
    /// a list of states with a hole would mislead.</summary>
    public static Fact<CpuIdle> ReadIdle(HostRoot root)
    {
        if (!root.Exists(CpuidleDirectory))
        {
            return Fact.Unknown<CpuIdle>(UnknownReason.Absent(CpuidleDirectory));
        }

        var governor = SysfsFile.ReadString(root, CpuidleDirectory + "/current_governor");
        if (governor.Reason?.Kind == UnknownKind.Absent)
        {
            governor = SysfsFile.ReadString(root, CpuidleDirectory + "/current_governor_ro");
        }

        string statesDirectory = CpuDirectory + "/cpu0/cpuidle";
        var listing = root.List(statesDirectory);
        var states = new List<CpuIdleState>();
        foreach (var entry in listing.TryGet(out var entries) ? NumberedEntries.Of(entries, "state", HostEntryKind.Directory, HostEntryKind.Symlink) : [])
        {
            string dir = statesDirectory + "/" + entry.Name;
            var name = SysfsFile.ReadString(root, dir + "/name");
            var description = SysfsFile.ReadString(root, dir + "/desc");
            var latency = SysfsFile.ReadLong(root, dir + "/latency");
            var residency = SysfsFile.ReadLong(root, dir + "/residency");
            var disabled = SysfsFile.ReadFlag(root, dir + "/disable");
            var failure = name.Reason ?? description.Reason ?? latency.Reason ?? residency.Reason ?? disabled.Reason;
            if (failure is not null)
            {
                return Fact.Unknown<CpuIdle>(failure);
            }

            states.Add(new CpuIdleState(entry.Number, name.Value, description.Value, latency.Value, residency.Value, disabled.Value));
        }

        return new CpuIdle(SysfsFile.ReadString(root, CpuidleDirectory + "/current_driver"), governor, states);
    }

    /// <summary>Documentation/ABI/testing/sysfs-devices-system-cpu: one file per vulnerability, by name.</summary>
    public static Fact<IReadOnlyList<CpuVulnerability>> ReadVulnerabilities(HostRoot root) =>
        root.List(VulnerabilitiesDirectory).Bind(entries =>
        {
            var list = new List<CpuVulnerability>();
            foreach (var entry in entries.Where(e => e.Kind == HostEntryKind.File))
            {
                var status = SysfsFile.ReadString(root, VulnerabilitiesDirectory + "/" + entry.Name);
                if (!status.TryGet(out var text))
                {
                    return Fact.Unknown<IReadOnlyList<CpuVulnerability>>(status.Reason!);
                }

                list.Add(new CpuVulnerability(entry.Name, text, CpuVulnerability.Classify(text)));
            }

            return Fact.Known<IReadOnlyList<CpuVulnerability>>(list);
        });

    /// <summary>Entries named prefix + number ("policy12", "state3"), by number.</summary>
}
