using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Cpu;

namespace AiTune.Benchmarks.Scheduler;

/// <summary>The two CPUs a pinned ping-pong runs on: distinct physical cores of one package where the host has
/// them, because SMT siblings share a core (their wake-up skips the idle exit of a second core) and a second package
/// adds the interconnect; both are real placements, but not the one "cross-core wake-up" names.</summary>
/// <param name="SameCore">True when the only choice left was two SMT siblings of one core.</param>
public sealed record CpuPair(int First, int Second, bool SameCore)
{
    /// <summary>The pair from <paramref name="allowed"/> (ascending): its first CPU, then the first CPU that is
    /// not its SMT sibling, in its package when one is; null when fewer than two CPUs are allowed.</summary>
    public static CpuPair? Choose(IReadOnlyList<int> allowed, Func<int, IReadOnlyList<int>> siblings, Func<int, long?> package)
    {
        if (allowed.Count < 2)
        {
            return null;
        }

        int first = allowed[0];
        var firstSiblings = siblings(first);
        var otherCores = allowed.Skip(1).Where(cpu => !firstSiblings.Contains(cpu)).ToList();
        if (otherCores.Count == 0)
        {
            return new CpuPair(first, allowed[1], true);
        }

        long? firstPackage = package(first);
        int second = otherCores.FirstOrDefault(cpu => firstPackage is not null && package(cpu) == firstPackage, otherCores[0]);
        return new CpuPair(first, second, false);
    }

    /// <summary>The pair for the calling thread's CPUs on the live host, topology read from sysfs (a CPU whose
    /// topology cannot be read counts as a core of its own).</summary>
    public static CpuPair? ForThisProcess(HostRoot root, IReadOnlyList<int> allowed) =>
        Choose(allowed,
            cpu => SysfsFile.ReadString(root, $"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list")
                .Bind(text => CpuList.Parse(text, "thread_siblings_list")).GetValueOrDefault([cpu]),
            cpu => SysfsFile.ReadLong(root, $"/sys/devices/system/cpu/cpu{cpu}/topology/physical_package_id").Map(id => (long?)id).GetValueOrDefault(null));
}
