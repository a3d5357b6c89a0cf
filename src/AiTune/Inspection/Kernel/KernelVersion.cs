using System.Globalization;
using System.Text.RegularExpressions;
using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>The major.minor of a kernel release ("6.8.0-51-generic" → 6.8): what decides where an interface lives
/// when the kernel moved it (the scheduler tunables went to debugfs in 5.13 and were renamed in 6.6).</summary>
public readonly partial record struct KernelVersion(int Major, int Minor) : IComparable<KernelVersion>
{
    /// <summary>The first kernel with the scheduler tunables in debugfs (/sys/kernel/debug/sched) instead of /proc/sys/kernel/sched_*.</summary>
    public static readonly KernelVersion SchedulerDebugfs = new(5, 13);

    /// <summary>The first EEVDF kernel: min_granularity_ns became base_slice_ns, latency_ns and wakeup_granularity_ns went away.</summary>
    public static readonly KernelVersion Eevdf = new(6, 6);

    /// <summary>The version at the start of a release string; unknown (malformed) when it does not start with major.minor.</summary>
    public static Fact<KernelVersion> FromRelease(Fact<string> release) => release.Bind(text =>
    {
        var match = MajorMinor().Match(text);
        return match.Success
            && int.TryParse(match.Groups["major"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(match.Groups["minor"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? Fact.Known(new KernelVersion(major, minor))
            : Fact.Unknown<KernelVersion>(UnknownReason.Malformed("/proc/sys/kernel/osrelease", $"no major.minor version in \"{text}\""));
    });

    public int CompareTo(KernelVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(KernelVersion left, KernelVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(KernelVersion left, KernelVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(KernelVersion left, KernelVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(KernelVersion left, KernelVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Major}.{Minor}";

    [GeneratedRegex(@"^(?<major>[0-9]{1,3})\.(?<minor>[0-9]{1,3})(?![0-9])")]
    private static partial Regex MajorMinor();
}
