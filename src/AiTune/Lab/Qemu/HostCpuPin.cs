using AiTune.Interop;

namespace AiTune.Lab.Qemu;

/// <summary>
/// The host CPUs a timed KVM guest is pinned to: its vCPUs plus one for QEMU's main and I/O threads, taken from the
/// end of the CPUs aitune may use, so the host's own work (and CPU 0's interrupts) stays on the others and the guest's
/// timings do not move with the scheduler's placement. Only where at least one CPU is left over; never under the
/// instructions measure, whose count does not depend on placement.
/// </summary>
public static class HostCpuPin
{
    /// <summary>The CPUs to pin to, ascending; null for no pin.</summary>
    public static IReadOnlyList<int>? Choose(IReadOnlyList<int>? allowed, int vcpus, Accelerator accelerator, LabMeasure measure)
    {
        if (accelerator != Accelerator.Kvm || measure != LabMeasure.Time || allowed is null || allowed.Count < vcpus + 2)
        {
            return null;
        }

        return allowed.Order().TakeLast(vcpus + 1).ToList();
    }

    /// <summary>The pin for this process's own allowed CPUs.</summary>
    public static IReadOnlyList<int>? ForThisHost(int vcpus, Accelerator accelerator, LabMeasure measure) =>
        Choose(Posix.AllowedCpus(), vcpus, accelerator, measure);

    /// <summary>"4-7", "2,5", or "none".</summary>
    public static string Describe(IReadOnlyList<int>? cpus)
    {
        if (cpus is null || cpus.Count == 0)
        {
            return "none";
        }

        var ranges = new List<string>();
        int start = cpus[0], previous = cpus[0];
        foreach (int cpu in cpus.Skip(1).Append(int.MinValue))
        {
            if (cpu == previous + 1)
            {
                previous = cpu;
                continue;
            }

            ranges.Add(start == previous ? $"{start}" : $"{start}-{previous}");
            start = previous = cpu;
        }

        return string.Join(',', ranges);
    }
}
