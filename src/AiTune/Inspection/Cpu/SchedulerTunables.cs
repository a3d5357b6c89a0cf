using System.Globalization;
using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Kernel;
using AiTune.Text;

namespace AiTune.Inspection.Cpu;

/// <summary>The CFS/EEVDF scheduler tunables, named as the 6.6+ debugfs names them, wherever the running kernel
/// keeps them: /proc/sys/kernel/sched_* before 5.13; /sys/kernel/debug/sched/* since (commit 8a99b6833c88,
/// "sched: Move SCHED_DEBUG sysctl to debugfs"); min_granularity_ns renamed base_slice_ns and latency_ns and
/// wakeup_granularity_ns removed in 6.6 (EEVDF, kernel/sched/debug.c sched_init_debug). TuneD broke on each move;
/// here one table says where each name lives, for the reader and the writer alike.</summary>
public static class SchedulerTunables
{
    public const string DebugfsDirectory = "/sys/kernel/debug";
    public const string DebugfsSchedDirectory = DebugfsDirectory + "/sched";

    /// <summary>The names by their 6.6+ debugfs names (the same list as the knob reader's).</summary>
    public static readonly IReadOnlyList<string> Names = ["base_slice_ns", "migration_cost_ns", "nr_migrate", "latency_ns", "wakeup_granularity_ns", "tunable_scaling"];

    /// <summary>Where <paramref name="name"/> lives on a kernel of <paramref name="version"/>; null when that kernel
    /// has no such tunable (latency_ns on 6.6+) or the name is not one of <see cref="Names"/>.</summary>
    public static string? PathOf(string name, KernelVersion version)
    {
        if (!Names.Contains(name))
        {
            return null;
        }

        if (version >= KernelVersion.Eevdf)
        {
            return name is "latency_ns" or "wakeup_granularity_ns" ? null : $"{DebugfsSchedDirectory}/{name}";
        }

        var old = name == "base_slice_ns" ? "min_granularity_ns" : name;
        return version >= KernelVersion.SchedulerDebugfs ? $"{DebugfsSchedDirectory}/{old}" : $"/proc/sys/kernel/sched_{old}";
    }

    /// <summary>The tunables this kernel has, by name. A name whose file the kernel does not create is left out
    /// (a kernel without CONFIG_SMP has no migration_cost_ns; BORE kernels drop tunable_scaling). Unknown when the
    /// place cannot be read: no CONFIG_SCHED_DEBUG, debugfs not mounted or root-only, or lockdown, which makes debugfs
    /// refuse to open its writable files even for root (fs/debugfs/file.c, debugfs_locked_down: LOCKDOWN_DEBUGFS
    /// is below LOCKDOWN_INTEGRITY_MAX, so "integrity" blocks it as well as "confidentiality").</summary>
    /// <param name="release">The running kernel's release (KernelFacts.Release).</param>
    /// <param name="cmdline">The kernel command line, for debugfs=off or debugfs=no-mount.</param>
    /// <param name="lockdown">The lockdown mode (SecurityFacts.Lockdown).</param>
    public static Fact<IReadOnlyDictionary<string, string>> Read(HostRoot root, Fact<string> release, Fact<KernelCommandLine> cmdline, Fact<string> lockdown)
    {
        if (!KernelVersion.FromRelease(release).TryGet(out var version))
        {
            var why = KernelVersion.FromRelease(release).Reason!;
            return Fact.Unknown<IReadOnlyDictionary<string, string>>(why.Kind, $"the kernel version decides where the scheduler tunables live, and it is unknown: {why.Detail}");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            if (PathOf(name, version) is not { } path)
            {
                continue;
            }

            var text = SysfsFile.ReadString(root, path);
            if (text.TryGet(out var value))
            {
                if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return Fact.Unknown<IReadOnlyDictionary<string, string>>(UnknownReason.Malformed(path, $"expected an unsigned integer, got '{DisplayText.Shorten(value)}'"));
                }

                values[name] = value;
            }
            else if (text.Reason!.Kind != UnknownKind.Absent)
            {
                return Fact.Unknown<IReadOnlyDictionary<string, string>>(Explain(text.Reason, version, lockdown));
            }
        }

        if (values.Count > 0)
        {
            return values;
        }

        return Fact.Unknown<IReadOnlyDictionary<string, string>>(version >= KernelVersion.SchedulerDebugfs
            ? WhyDebugfsHasNone(root, cmdline, lockdown)
            : new UnknownReason(UnknownKind.Absent, $"none of /proc/sys/kernel/sched_* exists: the kernel ({version}) is built without CONFIG_SCHED_DEBUG"));
    }

    private static UnknownReason Explain(UnknownReason failure, KernelVersion version, Fact<string> lockdown)
    {
        if (version < KernelVersion.SchedulerDebugfs)
        {
            return failure;
        }

        if (LockedDown(lockdown) is { } mode)
        {
            return new UnknownReason(UnknownKind.PermissionDenied,
                $"{failure.Detail}: the kernel is locked down ({mode}), and lockdown makes debugfs refuse its writable files even to root");
        }

        return failure.Kind == UnknownKind.PermissionDenied
            ? new UnknownReason(UnknownKind.PermissionDenied, $"{failure.Detail}: debugfs is readable by root only")
            : failure;
    }

    /// <summary>No file of /sys/kernel/debug/sched could be found: say whether debugfs is mounted at all.</summary>
    private static UnknownReason WhyDebugfsHasNone(HostRoot root, Fact<KernelCommandLine> cmdline, Fact<string> lockdown)
    {
        string lockdownNote = LockedDown(lockdown) is { } mode
            ? $"; besides, the kernel is locked down ({mode}), which blocks reading the scheduler's debugfs files even for root"
            : "";
        var listing = root.List(DebugfsDirectory);
        if (!listing.TryGet(out var entries))
        {
            return listing.Reason!.Kind == UnknownKind.PermissionDenied
                ? new UnknownReason(UnknownKind.PermissionDenied, $"permission denied listing {DebugfsDirectory}: debugfs is readable by root only{lockdownNote}")
                : new UnknownReason(listing.Reason.Kind, $"{DebugfsSchedDirectory} cannot be read: {listing.Reason.Detail}{lockdownNote}");
        }

        if (entries.Count == 0)
        {
            var option = cmdline.TryGet(out var line) ? line.Get("debugfs") : null;
            var cause = option is "off" or "no-mount" ? $" (the command line says debugfs={option})" : " (mount -t debugfs none /sys/kernel/debug)";
            return new UnknownReason(UnknownKind.Absent, $"debugfs is not mounted at {DebugfsDirectory}{cause}{lockdownNote}");
        }

        return entries.Any(e => e.Name == "sched")
            ? new UnknownReason(UnknownKind.Absent, $"{DebugfsSchedDirectory} holds none of the scheduler tunables{lockdownNote}")
            : new UnknownReason(UnknownKind.Absent, $"debugfs has no sched directory: the kernel is built without CONFIG_SCHED_DEBUG{lockdownNote}");
    }

    private static string? LockedDown(Fact<string> lockdown) =>
        lockdown.TryGet(out var mode) && mode is "integrity" or "confidentiality" ? mode : null;
}
