using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Inspection.Sysctl;
using AiTune.Knobs;

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

        RequireSysctl(setting, component, facts);

        if (setting.Model is { } sizing)
        {
            var (node, expectation, reason) = sizing.Resolve(setting.Knob, facts, model, maxHugePagesShare);
            return resolved with { Node = node, Expectation = expectation, SkipReason = reason };
        }

        return resolved with { Expectation = setting.Expectation };
    }

    /// <summary>A user profile is written for its hosts, so a sysctl its live kernel does not have is most likely
    /// misspelt: an error, naming the closest key the kernel has. Built-in profiles are written for many kernels,
    /// and keys come and go between versions: their setting goes on, and the plan and the audit skip the knob with
    /// the reason, as they do on a snapshot of this host (which must audit the same). Only the live kernel tells a
    /// key it lacks from one nobody captured: a host tree or snapshot may simply not have copied the file, so there
    /// the setting goes on too.</summary>
    /// <exception cref="AiTuneException">The user profile's key does not exist on the live kernel.</exception>
    private static void RequireSysctl(ProfileSetting setting, Profile component, HostFacts facts)
    {
        if (setting.Knob.SysctlKey() is null || setting.BuiltIn || !facts.Source.Live
            || facts.Sysctls.Get(setting.Knob.Name).Reason is not { Kind: UnknownKind.Absent })
        {
            return;
        }

        var key = setting.Knob.Name;
        var closest = facts.Sysctls.KernelKeys is { } keys ? SysctlKeySuggestion.Closest(key, keys) : null;
        var file = setting.Profile == component.Name ? $" ({component.Origin})" : "";
        throw new AiTuneException($"{key}: no such sysctl on this kernel" + (closest is null ? "" : $"; did you mean {closest}?"),
            $"profile {setting.Profile}{file} names it: correct the key, or remove the setting (sysctl -a lists the keys this kernel has)");
    }
}
