using AiTune.Facts;
using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Tuning.Writing;
using AiTune.Knobs.Kinds;

namespace AiTune.Tuning.Planning;

/// <summary>Turns a profile resolved for a host into a plan: per knob and subject, the current value, the
/// values to write, and why. Reads only facts, so plan works unprivileged and on snapshots, and apply, verify
/// and status all decide from the same function.</summary>
public static class Planner
{
    public static TuningPlan Plan(HostFacts facts, ResolvedProfile profile, ModelRequirement? model, PlanOptions options)
    {
        var changes = new List<PlannedChange>();
        foreach (var combined in profile.Combined)
        {
            if (combined.Conflict is not null)
            {
                var applying = combined.Applying;
                changes.Add(new PlannedChange(combined.Knob, NodeSubject(combined.Node), null, null,
                    string.Join("; ", applying.Select(s => $"{s.Profile}: {ProfileConflicts.Wants(s)}")), [], PlanAction.Refused,
                    "the combined profiles disagree on this knob: " + string.Join("; ", applying.Select(s => $"{s.Profile} wants {ProfileConflicts.Wants(s)}"))
                    + "; no value satisfies them all, and aitune never picks one silently (write a profile that includes both and states the value)",
                    combined.Profile, applying[0].Source, []));
                continue;
            }

            changes.AddRange(PlanSetting(facts, Together(combined), options));
        }

        GuardHugePages(facts, changes, options);
        return new TuningPlan(profile.Name, model?.Source, model?.TensorBytes, changes, profile.Conflicts) { Settings = profile.Settings };
    }

    /// <summary>The one setting a knob is planned from: the expectation that satisfies every component that asks for the
    /// knob here, with the first one's rationale and source; or, when none applies, the reasons each was skipped.</summary>
    private static ResolvedSetting Together(CombinedSetting combined)
    {
        if (combined.Expectation is { } expectation)
        {
            return combined.Applying[0] with { Expectation = expectation, Profile = combined.Profile };
        }

        var reasons = combined.Settings.Select(s => s.SkipReason!).Distinct().ToList();
        return combined.Settings[0] with
        {
            Profile = combined.Profile,
            SkipReason = reasons.Count == 1 ? reasons[0] : string.Join("; ", combined.Settings.Select(s => $"{s.Profile}: {s.SkipReason}")),
        };
    }

    /// <summary>Plans one setting; several changes when the knob has several subjects (drives, policies).</summary>
    private static IEnumerable<PlannedChange> PlanSetting(HostFacts facts, ResolvedSetting setting, PlanOptions options)
    {
        var knob = setting.Knob;
        var kind = KnobKinds.Of(knob);
        if (setting.Expectation is not { } expectation)
        {
            yield return Change(setting, NodeSubject(setting.Node), null, null, "", [], PlanAction.Skip, setting.SkipReason ?? "skipped");
            yield break;
        }

        if (kind.TakesEffectAtBoot)
        {
            yield return PlanKernelParameter(facts, setting, expectation);
            yield break;
        }

        var reading = KnobReader.Read(facts, knob, setting.Node);
        if (reading.NotApplicable is { } notApplicable)
        {
            yield return Change(setting, NodeSubject(setting.Node), null, null, expectation.ToString(), [], PlanAction.Skip, notApplicable);
            yield break;
        }

        var values = reading.Values.Where(v => !kind.SettingNamesItsSubject || v.Subject == NodeSubject(setting.Node)).ToList();
        if (values.Count == 0)
        {
            yield return Change(setting, NodeSubject(setting.Node), null, null, expectation.ToString(), [], PlanAction.Skip,
                $"this host has no {NodeSubject(setting.Node)} for {knob.Id}");
            yield break;
        }

        foreach (var value in values)
        {
            yield return PlanValue(facts, setting, expectation, value, options);
        }
    }

    private static PlannedChange PlanValue(HostFacts facts, ResolvedSetting setting, Expectation expectation, KnobValue value, PlanOptions options)
    {
        var knob = setting.Knob;
        var expected = expectation.ToString();
        if (KnobKinds.Of(knob).PerDevice && value.Subject.Length == 0 && value.Value.Reason is { } unknownDrives)
        {
            // The drives could not be listed: there is no device to name, so no file to locate.
            return Change(setting, "", null, null, expected, [], PlanAction.Skip, "the current value is unknown: " + unknownDrives);
        }

        var location = KnobLocator.Locate(facts, knob, value.Subject, out var notApplicable);
        if (location is null)
        {
            return Change(setting, value.Subject, null, null, expected, [], PlanAction.Skip, notApplicable ?? "no kernel file for this knob here");
        }

        if (!value.Value.TryGet(out var current))
        {
            // The same words as the audit's, so that plan and audit say one thing of a knob the kernel lacks.
            return Change(setting, value.Subject, location.Path, null, expected, [], PlanAction.Skip, value.Value.Reason!.Kind == UnknownKind.Absent
                ? $"this kernel has no {knob.Name} ({value.Value.Reason.Detail}): the feature is not built in or the kernel predates it"
                : "the current value is unknown: " + value.Value.Reason);
        }

        if (expectation.IsSatisfiedBy(current))
        {
            return Change(setting, value.Subject, location.Path, current, expected, [], PlanAction.Unchanged, $"already {current}, which satisfies {expected}") with
            {
                Location = location,
            };
        }

        var candidates = new List<string>();
        var irreversible = new List<string>();
        foreach (var candidate in Candidates(expectation, current))
        {
            if (IrreversibleSettings.Why(knob, candidate) is { } why && !options.AllowIrreversible)
            {
                irreversible.Add(why);
                continue;
            }

            candidates.Add(candidate);
        }

        if (candidates.Count == 0)
        {
            return Change(setting, value.Subject, location.Path, current, expected, [], PlanAction.Skip,
                $"{irreversible[0]}; pass --allow-irreversible to write it (rollback cannot undo it)");
        }

        var conflicts = CoexistenceConflicts.ConflictsFor(facts.Coexistence, knob, candidates[0]);
        return Change(setting, value.Subject, location.Path, current, expected, candidates, PlanAction.Set, setting.Rationale) with
        {
            Conflicts = conflicts,
            Location = location,
        };
    }

    private static PlannedChange PlanKernelParameter(HostFacts facts, ResolvedSetting setting, Expectation expectation)
    {
        var name = setting.Knob.Name;
        var expected = expectation.ToString();
        if (!facts.Kernel.Cmdline.TryGet(out var cmdline))
        {
            return Change(setting, "", null, null, expected, [], PlanAction.Skip, "the kernel command line is unknown: " + facts.Kernel.Cmdline.Reason);
        }

        var current = cmdline.Get(name);
        if (current is not null && expectation.IsSatisfiedBy(current))
        {
            return Change(setting, "", null, $"{name}={current}", expected, [], PlanAction.Unchanged, $"the running kernel was booted with {name}={current}");
        }

        var target = Candidates(expectation)[0];
        return Change(setting, "", null, current is null ? "(not set)" : $"{name}={current}", expected, [$"{name}={target}"], PlanAction.PendingReboot,
            $"a kernel parameter takes effect at the next boot; --persist adds {name}={target} to the GRUB drop-in. " + setting.Rationale);
    }

    /// <summary>Values that satisfy an expectation, in the order to try: the bound itself for "&gt;=N"/"&lt;=N"
    /// (the smallest change that satisfies it), each alternative in turn for "a|b|c", and for a range the bound
    /// nearest the current value.</summary>
    public static IReadOnlyList<string> Candidates(Expectation expectation, string? current = null) =>
        expectation.Kind == ExpectationKind.Between
            ? [long.TryParse(current, System.Globalization.CultureInfo.InvariantCulture, out var now) && now > long.Parse(expectation.Values[1], System.Globalization.CultureInfo.InvariantCulture)
                ? expectation.Values[1]
                : expectation.Values[0]]
            : expectation.Values;

    /// <summary>Huge pages beyond --max-hugepages-share of MemTotal are refused (<see cref="HugePagesShare"/>, the one
    /// guard, which the audit applies too).</summary>
    private static void GuardHugePages(HostFacts facts, List<PlannedChange> changes, PlanOptions options)
    {
        var raising = changes.Where(c => KnobKinds.Of(c.Knob).ReservesMemory && c.Action == PlanAction.Set).ToList();
        if (raising.Count == 0 || HugePagesShare.Refusal(facts, raising.Select(c => (c.Knob, c.Current, c.Target)), options.MaxHugePagesShare) is not { } refusal)
        {
            return;
        }

        foreach (var change in raising)
        {
            changes[changes.IndexOf(change)] = change with { Action = PlanAction.Refused, Reason = refusal };
        }
    }

    private static string NodeSubject(int? node) => node is { } n ? $"node{n}" : "";

    private static PlannedChange Change(ResolvedSetting setting, string subject, string? path, string? current, string expected,
        IReadOnlyList<string> candidates, PlanAction action, string reason) =>
        new(setting.Knob, subject, path, current, expected, candidates, action, reason, setting.Profile, setting.Source, [])
        {
            Wanted = setting.Expectation,
        };
}
