using System.Globalization;
using System.Text.RegularExpressions;
using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Inspection.Cpu;
using AiTune.Inspection.Kernel;

namespace AiTune.Knobs.Kinds;

/// <summary>"scheduler:NAME": the CFS/EEVDF tunables, whose files moved between kernels (/proc/sys/kernel/sched_*
/// before 5.13, /sys/kernel/debug/sched/* since, min_granularity_ns renamed base_slice_ns in 6.6); persisted in
/// tmpfiles.d.</summary>
public sealed partial class SchedulerKind : KnobKindDescriptor
{
    private const string DebugfsSched = "/sys/kernel/debug/sched";

    /// <summary>By their current (6.6+) debugfs names; base_slice_ns is min_granularity_ns before 6.6.</summary>
    public static readonly IReadOnlyList<string> Names = SchedulerTunables.Names;

    public override KnobKind Kind => KnobKind.Scheduler;

    public override string Prefix => "scheduler";

    public override bool IsKnown(Knob knob) => Names.Contains(knob.Name);

    public override string UnknownNameHint => $" (scheduler tunables: {string.Join(", ", Names)})";

    /// <summary>A name the running kernel does not have (latency_ns on 6.6+, migration_cost_ns without SMP) is not
    /// applicable there; the facts hold only the names the kernel has.</summary>
    public override KnobReading Read(HostFacts facts, Knob knob, int? node)
    {
        var name = knob.Name;
        var tunables = facts.Cpu.SchedulerTunables;
        if (!tunables.TryGet(out var values))
        {
            return One(Fact.Unknown<string>(tunables.Reason!));
        }

        if (values.TryGetValue(name, out var value))
        {
            return One(value);
        }

        var version = Inspection.Kernel.KernelVersion.FromRelease(facts.Kernel.Release);
        return KnobReading.Absent(version.TryGet(out var v) && SchedulerTunables.PathOf(name, v) is null
            ? $"the running kernel ({v}) has no {name}: EEVDF (6.6) removed it"
            : $"the running kernel has no scheduler tunable {name}");
    }

    /// <summary>
    /// /proc/sys/kernel/sched_* until 5.13 moved them to debugfs (commit 8a99b6833c88 "sched: Move SCHED_DEBUG sysctl
    /// to debugfs"); 6.6 renamed min_granularity_ns to base_slice_ns and, committing to EEVDF, removed latency_ns and
    /// wakeup_granularity_ns (kernel/sched/debug.c, sched_init_debug()).
    /// </summary>
    public override KnobLocation? Locate(HostFacts facts, Knob knob, string subject, out string? notApplicable)
    {
        RequireHostWide(knob, subject);
        notApplicable = null;
        var name = knob.Name;
        var release = facts.Kernel.Release;
        if (!release.TryGet(out var text) || MajorMinor().Match(text) is not { Success: true } match)
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

    /// <summary>The debugfs tunables; the pre-5.13 /proc/sys/kernel/sched_* files are sysctls, which
    /// <see cref="SysctlKind"/> admits.</summary>
    public override bool MayWrite(string canonicalHostPath) => SchedulerDebugfs().IsMatch(canonicalHostPath);

    public override KnobFix Fix(Knob knob, string value, IReadOnlyList<string> subjects, FixSite site) =>
        FixForms.Tmpfiles($"{DebugfsSched}/{knob.Name}", value,
            $"{FixForms.MountDebugfs}; echo {value} > {DebugfsSched}/{knob.Name} (kernels before 5.13: sysctl -w kernel.sched_{knob.Name}={value})");

    public override PersistenceForm Persistence => PersistenceForm.Tmpfiles;

    /// <summary>[scheduler] takes sched_NAME and finds the file on each kernel itself (it maps min_granularity_ns to
    /// base_slice_ns on 6.6+).</summary>
    public override TunedOption Tuned(Knob knob, string value) => new("scheduler", $"sched_{knob.Name}", value, Dedicated: true);

    [GeneratedRegex(@"^/sys/kernel/debug/sched/(base_slice_ns|min_granularity_ns|latency_ns|wakeup_granularity_ns|migration_cost_ns|nr_migrate|tunable_scaling)\z", RegexOptions.CultureInvariant)]
    private static partial Regex SchedulerDebugfs();

    [GeneratedRegex(@"^(?<major>[0-9]{1,3})\.(?<minor>[0-9]{1,3})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex MajorMinor();
}
