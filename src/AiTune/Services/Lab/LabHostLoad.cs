using AiTune.Benchmarks.Load;
using AiTune.Lab.Qemu;

namespace AiTune.Services.Lab;

/// <summary>The host's load while a guest ran, as the load of the guest's stored run: what a run measured inside a
/// guest cannot see its neighbours on the host, so the run carries the host's, and `bench compare` marks busy rounds
/// as it marks any busy run.</summary>
public static class LabHostLoad
{
    /// <summary>The run's load from the host's; null when /proc could not be read during the boot.</summary>
    public static RunLoad? Of(HostLoad load, TimeSpan wall)
    {
        double capacity = wall.TotalSeconds * Math.Max(1, load.HostCpus);
        if (load.ForeignCpuSeconds is not { } foreign || capacity <= 0)
        {
            return null;
        }

        // One stretch: the whole boot. The host's busy ticks include steal, so a noisy hypervisor neighbour shows up as
        // other processes' time here.
        double share = Math.Clamp(foreign / capacity, 0, 1);
        return new RunLoad(share, share, null, 0, Math.Clamp((load.QemuCpuSeconds ?? 0) / capacity, 0, 1), null, null, null, load.LoadAverageAtEnd);
    }
}
