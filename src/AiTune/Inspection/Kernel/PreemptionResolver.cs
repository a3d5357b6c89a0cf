using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>Works out the preemption model the kernel runs with. With PREEMPT_DYNAMIC the model is chosen at boot
/// (<c>preempt=none|voluntary|full|lazy</c>, Documentation/admin-guide/kernel-parameters.txt) and can be changed at
/// run time through /sys/kernel/debug/sched/preempt, which lists the models with the active one in parentheses
/// ("none voluntary (full) lazy"); without it, the build's choice is the model.</summary>
public static class PreemptionResolver
{
    /// <param name="debugfs">The text of /sys/kernel/debug/sched/preempt, when it could be read (root, debugfs mounted).</param>
    /// <param name="cmdline">The kernel command line, when known.</param>
    /// <param name="version">/proc/version, when known.</param>
    /// <param name="config">The build configuration, when known.</param>
    /// <param name="configUnknown">Why the configuration is unknown, for the message when nothing else decides.</param>
    public static Fact<PreemptionModel> Resolve(string? debugfs, KernelCommandLine? cmdline, ProcVersion? version,
        IReadOnlyDictionary<string, string>? config, UnknownReason? configUnknown)
    {
        string? Option(string name) => config is not null && config.TryGetValue(name, out var v) ? v : null;

        // PREEMPT_RT is fixed at build time; no boot or run-time switch leaves it.
        if (version?.Has("PREEMPT_RT") == true || Option("CONFIG_PREEMPT_RT") == "y")
        {
            return PreemptionModel.Rt;
        }

        bool dynamic = version?.Has("PREEMPT_DYNAMIC") == true || Option("CONFIG_PREEMPT_DYNAMIC") == "y";
        if (dynamic)
        {
            if (debugfs is not null && ParseActive(debugfs) is { } active)
            {
                return active;
            }

            if (cmdline?.Get("preempt") is { } chosen && FromName(chosen) is { } boot)
            {
                return boot;
            }
        }

        if (config is not null && FromConfig(Option) is { } built)
        {
            return built;
        }

        if (dynamic)
        {
            return PreemptionModel.Dynamic;
        }

        // Without the config, /proc/version says "PREEMPT" for a fully preemptible build and nothing for none or voluntary.
        if (version?.Has("PREEMPT") == true)
        {
            return PreemptionModel.Full;
        }

        return Fact.Unknown<PreemptionModel>(configUnknown is not null
            ? new UnknownReason(configUnknown.Kind, $"the build configuration decides it, and it is unknown: {configUnknown.Detail}")
            : new UnknownReason(UnknownKind.Malformed, "the build configuration names no preemption model"));
    }

    /// <summary>The model in parentheses in /sys/kernel/debug/sched/preempt, null when there is none.</summary>
    public static PreemptionModel? ParseActive(string text)
    {
        foreach (var word in text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length > 2 && word[0] == '(' && word[^1] == ')')
            {
                return FromName(word[1..^1]);
            }
        }

        return null;
    }

    private static PreemptionModel? FromName(string name) => name switch
    {
        "none" => PreemptionModel.None,
        "voluntary" => PreemptionModel.Voluntary,
        "full" => PreemptionModel.Full,
        "lazy" => PreemptionModel.Lazy,
        _ => null,
    };

    /// <summary>The "Preemption Model" choice of kernel/Kconfig.preempt (the boot default under PREEMPT_DYNAMIC).</summary>
    private static PreemptionModel? FromConfig(Func<string, string?> option)
    {
        if (option("CONFIG_PREEMPT_LAZY") == "y")
        {
            return PreemptionModel.Lazy;
        }

        if (option("CONFIG_PREEMPT") == "y")
        {
            return PreemptionModel.Full;
        }

        if (option("CONFIG_PREEMPT_VOLUNTARY") == "y")
        {
            return PreemptionModel.Voluntary;
        }

        if (option("CONFIG_PREEMPT_NONE") == "y")
        {
            return PreemptionModel.None;
        }

        return null;
    }
}
