using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Knobs.Kinds;

namespace AiTune.Tuning.Writing;

/// <summary>
/// Where a knob lives on a given host, and which kernel files aitune may write at all. Paths depend on the host:
/// the scheduler tunables moved twice between kernels, and turbo is "boost" under most cpufreq drivers but the
/// inverted "no_turbo" under intel_pstate. The allow-list is the last line of defence of the write path: it is
/// checked on the path the kernel actually opened, after every link was resolved. Each kind's descriptor
/// (Knobs/Kinds) knows its files and its patterns; this is the write path's single entry to them.
/// </summary>
public static class KnobLocator
{

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

        return KnobKinds.Of(knob).Locate(facts, knob, subject, out notApplicable);
    }

    /// <summary>
    /// Whether aitune may write the kernel file at <paramref name="canonicalHostPath"/>: the path after every link
    /// was resolved (a /sys/block/DEV link lands in /sys/devices/…/DEV). Exactly these, nothing else: /proc/sys files
    /// of valid sysctl names, the THP files, nr_hugepages (global and per node), cpufreq policies' scaling_governor and
    /// energy_performance_preference, cpufreq/boost, intel_pstate/no_turbo, four block queue attributes, and the
    /// scheduler's debugfs tunables. The patterns (<see cref="KnobKindDescriptor.MayWrite"/>, one per kind) admit no
    /// "." or ".." component and no empty one.
    /// </summary>
    public static bool IsAllowed(string canonicalHostPath) =>
        canonicalHostPath.Length <= 4096 && KnobKinds.MayWrite(canonicalHostPath);
}
