using AiTune.Audit;
using AiTune.Inspection;
using AiTune.Inspection.Sysctl;
using AiTune.Tuning.Knobs;

namespace AiTune.Profiles;

/// <summary>Resolves a profile selection for one host: conditions judged against the facts, computed values
/// computed, conflicts between components listed. The single answer to "what does this profile want here".</summary>
public static class ProfileResolver
{
    /// <param name="maxHugePagesShare">--max-hugepages-share (0..1): how much of a NUMA node model-sized huge pages may
    /// take to be placed there.</param>
    /// <exception cref="AiTuneException">A user profile names a sysctl the live kernel does not have (a typo, most
    /// likely): the error names the closest key the kernel has.</exception>
    public static ResolvedProfile Resolve(ProfileSelection selection, HostFacts facts, ModelRequirement? model,
        double maxHugePagesShare = ModelSizing.DefaultMaxHugePagesShare)
    {
        var settings = new List<ResolvedSetting>();
        foreach (var component in selection.Components)
        {
            foreach (var setting in component.Settings)
            {
                settings.Add(Resolve(setting, component, facts, model, maxHugePagesShare));
            }
        }

        return new ResolvedProfile(selection.Name, settings, ProfileConflicts.Workloads(selection.Components).ToList());
    }

    private static ResolvedSetting Resolve(ProfileSetting setting, Profile component, HostFacts facts, ModelRequirement? model, double maxHugePagesShare)
    {
        var resolved = new ResolvedSetting(setting.Knob, null, null, setting.Severity, setting.Profile, setting.Rationale, setting.Source, null);
        if (setting.When?.SkipReason(facts) is { } skip)
        {
            return resolved with { SkipReason = skip };
        }

        if (MissingSysctl(setting, component, facts) is { } missing)
        {
            return resolved with { SkipReason = missing };
        }

        if (setting.Model is { } sizing)
        {
            var (node, expectation, reason) = sizing.Resolve(setting.Knob, facts, model, maxHugePagesShare);
            return resolved with { Node = node, Expectation = expectation, SkipReason = reason };
        }

        return resolved with { Expectation = setting.Expectation };
    }

    /// <summary>Only the live kernel tells a sysctl it lacks from one nobody captured: a host tree or a snapshot that
    /// has no file for a key may simply not have copied it, so there the setting goes on to the plan as before. On the
    /// live kernel, a built-in profile's key is skipped with the reason (they are written for many kernels, and
    /// keys come and go between versions), and a user profile's key is an error: it was written for this host, so
    /// a key its kernel does not have is most likely misspelt.</summary>
    private static string? MissingSysctl(ProfileSetting setting, Profile component, HostFacts facts)
    {
        if (setting.Knob.Kind != KnobKind.Sysctl || !facts.Source.Live
            || facts.Sysctls.Get(setting.Knob.Name).Reason is not { Kind: UnknownKind.Absent })
        {
            return null;
        }

        var key = setting.Knob.Name;
        if (setting.BuiltIn)
        {
            return $"this kernel has no sysctl {key} (no /proc/sys/{key.Replace('.', '/')}): it is not built in, or the kernel predates or dropped it";
        }

        var closest = facts.Sysctls.KernelKeys is { } keys ? SysctlKeySuggestion.Closest(key, keys) : null;
        var file = setting.Profile == component.Name ? $" ({component.Origin})" : "";
        throw new AiTuneException($"{key}: no such sysctl on this kernel" + (closest is null ? "" : $"; did you mean {closest}?"),
            $"profile {setting.Profile}{file} names it: correct the key, or remove the setting (sysctl -a lists the keys this kernel has)");
    }
}
