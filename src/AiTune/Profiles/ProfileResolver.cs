using AiTune.Audit;
using AiTune.Inspection;

namespace AiTune.Profiles;

/// <summary>Resolves a profile selection for one host: conditions judged against the facts, computed values
/// computed, conflicts between components listed. The single answer to "what does this profile want here".</summary>
public static class ProfileResolver
{
    public static ResolvedProfile Resolve(ProfileSelection selection, HostFacts facts, ModelRequirement? model)
    {
        var settings = new List<ResolvedSetting>();
        foreach (var component in selection.Components)
        {
            foreach (var setting in component.Settings)
            {
                settings.Add(Resolve(setting, facts, model));
            }
        }

        var conflicts = ProfileConflicts.Workloads(selection.Components).ToList();
        foreach (var group in settings.Where(s => s.Expectation is not null).GroupBy(s => s.Knob.Id, StringComparer.Ordinal))
        {
            var wants = group.Select(s => (s.Profile, Wants: s.Node is { } node ? $"{s.Expectation} on node {node}" : s.Expectation!.ToString())).ToList();
            if (ProfileConflicts.Knob(group.Key, wants) is { } conflict)
            {
                conflicts.Add(conflict);
            }
        }

        return new ResolvedProfile(selection.Name, settings, conflicts);
    }

    private static ResolvedSetting Resolve(ProfileSetting setting, HostFacts facts, ModelRequirement? model)
    {
        var resolved = new ResolvedSetting(setting.Knob, null, null, setting.Severity, setting.Profile, setting.Rationale, setting.Source, null);
        if (setting.When?.SkipReason(facts) is { } skip)
        {
            return resolved with { SkipReason = skip };
        }

        if (setting.Model is { } sizing)
        {
            var (node, expectation, reason) = sizing.Resolve(setting.Knob, facts, model);
            return resolved with { Node = node, Expectation = expectation, SkipReason = reason };
        }

        return resolved with { Expectation = setting.Expectation };
    }
}
