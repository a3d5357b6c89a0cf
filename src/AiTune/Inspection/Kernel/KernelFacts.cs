using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>The running kernel: identity, flavor, build configuration and boot parameters.</summary>
/// <param name="Release">uname -r ("6.8.0-51-generic"), from /proc/sys/kernel/osrelease.</param>
/// <param name="Version">The /proc/version line.</param>
/// <param name="Architecture">x86_64, aarch64 … (snapshot metadata, /proc/sys/kernel/arch, or the config).</param>
/// <param name="Flavor">generic, lts, rt, cloud, hardened, cachyos, zen, lowlatency, with the evidence.</param>
/// <param name="Longterm">Whether the branch is a kernel.org longterm branch, and its end of life.</param>
/// <param name="Preemption">The effective preemption model.</param>
/// <param name="PreemptDynamic">Built with PREEMPT_DYNAMIC: the model can be chosen at boot (preempt=).</param>
/// <param name="Hz">CONFIG_HZ.</param>
/// <param name="ConfigSource">Where the build configuration was read: /proc/config.gz, /boot/config-R, /lib/modules/R/config.</param>
/// <param name="Config">The configuration options that matter for AI hosts, by name ("CONFIG_NUMA" → "y");
/// an option the build does not set maps to "n".</param>
/// <param name="Cmdline">The kernel command line (/proc/cmdline), parsed.</param>
/// <param name="Taint">/proc/sys/kernel/tainted, decoded.</param>
/// <param name="SchedExt">sched_ext state (/sys/kernel/sched_ext/state): disabled, enabled …; absent if the kernel lacks it.</param>
/// <param name="BootId">/proc/sys/kernel/random/boot_id: a UUID the kernel draws at every boot, so a journal that
/// recorded it can tell that the host rebooted since (runtime settings are gone, persisted ones applied again).</param>
/// <param name="MalformedConfigOptions">Options of <see cref="Config"/> whose line in the config file is not in Kconfig's
/// format: <see cref="Option"/> answers unknown for them rather than "n".</param>
public sealed record KernelFacts(
    Fact<string> Release,
    Fact<string> Version,
    Fact<string> Architecture,
    Fact<KernelFlavor> Flavor,
    Fact<LongtermStatus> Longterm,
    Fact<PreemptionModel> Preemption,
    Fact<bool> PreemptDynamic,
    Fact<int> Hz,
    Fact<string> ConfigSource,
    Fact<IReadOnlyDictionary<string, string>> Config,
    Fact<KernelCommandLine> Cmdline,
    Fact<KernelTaint> Taint,
    Fact<string> SchedExt,
    Fact<string> BootId,
    IReadOnlyList<string>? MalformedConfigOptions = null)
{
    /// <summary>A config option's value ("y", "m", "n", "1000", …), unknown when the config could not be read, and
    /// for an option outside <see cref="AiRelevantConfigOptions"/> (not kept, so "n" would be a guess).</summary>
    public Fact<string> Option(string name)
    {
        if (!AiRelevantConfigOptions.Contains(name))
        {
            return Fact.Unknown<string>(UnknownKind.NotCaptured, $"{name} is not among the config options aitune keeps");
        }

        if (Config.IsKnown && MalformedConfigOptions?.Contains(name) == true)
        {
            return Fact.Unknown<string>(UnknownReason.Malformed(ConfigSource.GetValueOrDefault("the kernel config"), $"the line of {name} is not in Kconfig's format"));
        }

        return Config.Map(options => options.TryGetValue(name, out var v) ? v : "n");
    }

    /// <summary>True when the option is built in or a module.</summary>
    public Fact<bool> IsEnabled(string name) => Option(name).Map(v => v is "y" or "m");
}
