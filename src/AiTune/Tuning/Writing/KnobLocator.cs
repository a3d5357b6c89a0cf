using System.Globalization;
using System.Text.RegularExpressions;
using AiTune.Inspection;
using AiTune.Inspection.Sysctl;
using AiTune.Knobs;
using AiTune.Text;

namespace AiTune.Tuning.Writing;

/// <summary>
/// Where a knob lives on a given host, and which kernel files aitune may write at all. Paths depend on the host:
/// the scheduler tunables moved twice between kernels, and turbo is "boost" under most cpufreq drivers but the
/// inverted "no_turbo" under intel_pstate. The allow-list is the last line of defence of the write path: it is
/// checked on the path the kernel actually opened, after every link was resolved.
/// </summary>
public static partial class KnobLocator
{
    private const string ThpDirectory = "/sys/kernel/mm/transparent_hugepage";
    private const string CpufreqDirectory = "/sys/devices/system/cpu/cpufreq";
    private const string DebugfsSched = "/sys/kernel/debug/sched";

    /// <summary>The host path of the file behind <paramref name="knob"/> for one <paramref name="subject"/>
    /// ("" for host-wide knobs, "policy0", "nvme0n1", "node1"), or null with the reason in
    /// <paramref name="notApplicable"/> when the knob has no runtime file on this host.</summary>
    /// <exception cref="AiTuneException">The knob is not one aitune knows, or the subject is not a name the kernel
    /// gives (a hostile host tree could offer "../../etc" as a device name).</exception>
    public static KnobLocation? Locate(HostFacts facts, Knob knob, string subject, out string? notApplicable)
    {
        notApplicable = null;
        if (!KnobReader.IsKnown(knob))
        {
            throw new AiTuneException($"aitune does not know the knob {knob.Id}", "see docs/ for the knobs a profile can set");
        }

        switch (knob.Kind)
        {
            case KnobKind.Sysctl:
                RequireHostWide(knob, subject);
                return new KnobLocation(SysctlKey.ToProcPath(knob.Name).Value);
            case KnobKind.Thp:
                RequireHostWide(knob, subject);
                return new KnobLocation(knob.Name == "khugepaged_defrag" ? ThpDirectory + "/khugepaged/defrag" : $"{ThpDirectory}/{knob.Name}");
            case KnobKind.Cpu:
                return LocateCpu(facts, knob, subject);
            case KnobKind.Block:
                Require(knob, subject, BlockDeviceName().IsMatch(subject), "a block device name (nvme0n1, sda)");
                return new KnobLocation($"/sys/block/{subject}/queue/{knob.Name}");
            case KnobKind.HugePages:
                if (subject.Length == 0)
                {
                    return new KnobLocation($"/sys/kernel/mm/hugepages/hugepages-{knob.Name}/nr_hugepages");
                }

                Require(knob, subject, NodeName().IsMatch(subject), "\"\" (host-wide) or a NUMA node (node0)");
                return new KnobLocation($"/sys/devices/system/node/{subject}/hugepages/hugepages-{knob.Name}/nr_hugepages");
            case KnobKind.Scheduler:
                RequireHostWide(knob, subject);
                return LocateScheduler(facts, knob.Name, out notApplicable);
            default:
                notApplicable = "takes effect at the next boot (a kernel command-line parameter has no runtime file)";
                return null;
        }
    }

    private static KnobLocation LocateCpu(HostFacts facts, Knob knob, string subject)
    {
        if (knob.Name != "boost")
        {
            Require(knob, subject, PolicyName().IsMatch(subject), "a cpufreq policy (policy0)");
            string file = knob.Name == "governor" ? "scaling_governor" : knob.Name;
            return new KnobLocation($"{CpufreqDirectory}/{subject}/{file}");
        }

        RequireHostWide(knob, subject);

        // intel_pstate (active, or passive as intel_cpufreq) implements no set_boost, so cpufreq/boost does not
        // exist there; its own no_turbo says the opposite. "off" means another driver (acpi-cpufreq) runs.
        bool intelPstate = facts.Cpu.IntelPstateStatus.TryGet(out var status) ? status is "active" or "passive"
            : facts.Cpu.Driver.TryGet(out var driver) && driver is "intel_pstate" or "intel_cpufreq";
        return intelPstate
            ? new KnobLocation("/sys/devices/system/cpu/intel_pstate/no_turbo", KnobValueMapping.InvertedFlag)
            : new KnobLocation(CpufreqDirectory + "/boost");
    }

    /// <summary>
    /// The CFS/EEVDF tunables: /proc/sys/kernel/sched_* until 5.13 moved them to debugfs (commit 8a99b6833c88
    /// "sched: Move SCHED_DEBUG sysctl to debugfs"); 6.6 renamed min_granularity_ns to base_slice_ns and, committing to
    /// EEVDF, removed latency_ns and wakeup_granularity_ns (kernel/sched/debug.c, sched_init_debug()).
    /// </summary>
    private static KnobLocation? LocateScheduler(HostFacts facts, string name, out string? notApplicable)
    {
        notApplicable = null;
        var release = facts.Kernel.Release;
        if (!release.TryGet(out var text) || KernelVersion().Match(text) is not { Success: true } match)
        {
            notApplicable = $"the kernel release is unknown ({(release.IsKnown ? $"\"{text}\" has no major.minor" : release.Reason)}), and the scheduler tunables moved between kernels";
            return null;
        }

        var version = (int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture));
        bool baseSlice = name == "base_slice_ns";
        if (version.CompareTo((5, 13)) < 0)
        {
            return new KnobLocation(baseSlice ? "/proc/sys/kernel/sched_min_granularity_ns" : $"/proc/sys/kernel/sched_{name}");
        }

        if (version.CompareTo((6, 6)) < 0)
        {
            return new KnobLocation(baseSlice ? DebugfsSched + "/min_granularity_ns" : $"{DebugfsSched}/{name}");
        }

        if (name is "latency_ns" or "wakeup_granularity_ns")
        {
            notApplicable = $"removed with EEVDF in 6.6 (this kernel is {text})";
            return null;
        }

        return new KnobLocation($"{DebugfsSched}/{name}");
    }

    private static void RequireHostWide(Knob knob, string subject) =>
        Require(knob, subject, subject.Length == 0, "\"\" (the knob is host-wide)");

    private static void Require(Knob knob, string subject, bool valid, string expected)
    {
        if (!valid)
        {
            throw new AiTuneException($"'{DisplayText.Masked(subject, 64)}' is not a subject of {knob.Id}: expected {expected}",
                "the subject comes from the host's own file names; inspect the host again, or report the tree that produced it");
        }
    }


    /// <summary>
    /// Whether aitune may write the kernel file at <paramref name="canonicalHostPath"/>: the path after every link
    /// was resolved (a /sys/block/DEV link lands in /sys/devices/…/DEV). Exactly these, nothing else: /proc/sys files
    /// of valid sysctl names, the THP files, nr_hugepages (global and per node), cpufreq policies' scaling_governor and
    /// energy_performance_preference, cpufreq/boost, intel_pstate/no_turbo, four block queue attributes, and the
    /// scheduler's debugfs tunables. The patterns admit no "." or ".." component and no empty one.
    /// </summary>
    public static bool IsAllowed(string canonicalHostPath) =>
        canonicalHostPath.Length <= 4096 && (
            (ProcSys().IsMatch(canonicalHostPath) && ForbiddenSysctls.WhyPath(canonicalHostPath) is null)
            || Thp().IsMatch(canonicalHostPath)
            || HugePages().IsMatch(canonicalHostPath)
            || Cpufreq().IsMatch(canonicalHostPath)
            || BlockQueue().IsMatch(canonicalHostPath)
            || SchedulerDebugfs().IsMatch(canonicalHostPath));

    // /proc/sys/vm/compact_memory and every other sysctl: components are what KnobReader.IsValidSysctlKey admits.
    [GeneratedRegex(@"^/proc/sys(/[A-Za-z0-9_-]{1,255})+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProcSys();

    [GeneratedRegex(@"^/sys/kernel/mm/transparent_hugepage/(enabled|defrag|shmem_enabled|khugepaged/defrag)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Thp();

    [GeneratedRegex(@"^/sys/(kernel/mm|devices/system/node/node[0-9]{1,4})/hugepages/hugepages-[1-9][0-9]{0,12}kB/nr_hugepages\z", RegexOptions.CultureInvariant)]
    private static partial Regex HugePages();

    [GeneratedRegex(@"^/sys/devices/system/cpu/(cpufreq/policy[0-9]{1,5}/(scaling_governor|energy_performance_preference)|cpufreq/boost|intel_pstate/no_turbo)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Cpufreq();

    // /sys/block/DEV itself where a tree holds directories there (a copied tree, an old CONFIG_SYSFS_DEPRECATED
    // kernel); on a live host it is a link into /sys/devices, whose components (PCI addresses "0000:00:1d.0",
    // "target0:0:0", "nvme-subsys0", "cciss!c0d0") never start with a dot.
    [GeneratedRegex(@"^/sys/(block|devices(/[A-Za-z0-9_:!+-][A-Za-z0-9_.:!+-]{0,127})*)/[A-Za-z0-9_:!+-][A-Za-z0-9_.:!+-]{0,127}/queue/(scheduler|read_ahead_kb|nr_requests|max_sectors_kb)\z", RegexOptions.CultureInvariant)]
    private static partial Regex BlockQueue();

    [GeneratedRegex(@"^/sys/kernel/debug/sched/(base_slice_ns|min_granularity_ns|latency_ns|wakeup_granularity_ns|migration_cost_ns|nr_migrate|tunable_scaling)\z", RegexOptions.CultureInvariant)]
    private static partial Regex SchedulerDebugfs();

    [GeneratedRegex(@"^[A-Za-z0-9_:!+-][A-Za-z0-9_.:!+-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex BlockDeviceName();

    [GeneratedRegex(@"^policy[0-9]{1,5}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyName();

    [GeneratedRegex(@"^node[0-9]{1,4}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NodeName();

    [GeneratedRegex(@"^(?<major>[0-9]{1,3})\.(?<minor>[0-9]{1,3})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex KernelVersion();
}
