using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Knobs.Persistence;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Planning;
using AiTune.Knobs.Kinds;

namespace AiTune.Tuning.Verification;

/// <summary>
/// Compares the live host with the applied profile, knob by knob: the profile re-planned against live facts
/// says what holds, the journal says what aitune wrote. For each knob it also says what the next boot does,
/// reading the sysctl configuration in systemd-sysctl's order and naming every file that would override
/// aitune's value.
/// </summary>
public static class Verifier
{
    public static VerifyReport Verify(HostFacts facts, TuningPlan replanned, JournalState journal)
    {
        var begin = journal.FirstBegin!;
        bool rebooted = facts.Kernel.BootId.TryGet(out var bootId) && begin.BootId is not null && bootId != begin.BootId;
        var written = new Dictionary<string, (JournalRecord Intent, JournalRecord? Outcome)>(StringComparer.Ordinal);
        foreach (var intent in journal.StandingIntents.Where(i => i.Knob != JournalState.FileKnob))
        {
            written[intent.Subject!.Length == 0 ? intent.Knob! : $"{intent.Knob}@{intent.Subject}"] = (intent, journal.OutcomeOf(intent));
        }

        var persisted = journal.PersistedFiles;
        var held = journal.HeldAtApply;
        var checks = replanned.Changes.Select(change => Check(facts, change, written, held, persisted, rebooted)).ToList();
        var by = begin.User ?? "unknown";
        return new VerifyReport(journal.Profile!, begin.Time, by, rebooted, persisted, checks);
    }

    /// <param name="held">Knobs that already held their value when the profile was applied: a change since is drift
    /// as much as a change of a value aitune wrote.</param>
    private static KnobCheck Check(HostFacts facts, PlannedChange change, Dictionary<string, (JournalRecord Intent, JournalRecord? Outcome)> written,
        IReadOnlyDictionary<string, string> held, IReadOnlyList<string> persisted, bool rebooted)
    {
        written.TryGetValue(change.Id, out var record);
        var applied = record.Outcome is { Kind: JournalRecordKind.Written } ok ? ok.Value : null;
        var (atBoot, overriding) = AtBoot(facts, change, persisted);
        var check = change.Action switch
        {
            PlanAction.Unchanged => new KnobCheck(change.Id, change.Path, change.Expected, change.Current, applied, KnobStatus.Pass, null, atBoot),
            PlanAction.PendingReboot => new KnobCheck(change.Id, null, change.Expected, change.Current, null, KnobStatus.PendingReboot,
                persisted.Any(p => p.StartsWith("/etc/default/grub.d/", StringComparison.Ordinal))
                    ? (rebooted ? "the host rebooted but the kernel did not get it: was update-grub (grub2-mkconfig) run after apply --persist?" : "in the GRUB drop-in: run update-grub, then reboot")
                    : "not persisted: apply --persist writes it to the GRUB drop-in", atBoot),
            PlanAction.Set when applied is not null => new KnobCheck(change.Id, change.Path, change.Expected, change.Current, applied, KnobStatus.Drifted,
                WhoChanged(facts, change, rebooted), atBoot),
            PlanAction.Set when record.Intent is null && held.TryGetValue(change.Id, out var was) => new KnobCheck(change.Id, change.Path, change.Expected, change.Current, null,
                KnobStatus.Drifted, $"it held {was} when the profile was applied; " + WhoChanged(facts, change, rebooted), atBoot),
            PlanAction.Set => new KnobCheck(change.Id, change.Path, change.Expected, change.Current, null, KnobStatus.NotApplied,
                record.Outcome is { Kind: JournalRecordKind.Failed } failed ? "apply failed: " + failed.Error : "the apply did not write it", atBoot),
            _ => new KnobCheck(change.Id, change.Path, change.Expected, change.Current, applied, KnobStatus.Skipped, change.Reason, null),
        };
        return check.AtBoot is null ? check : check with { OverridingFiles = overriding };
    }

    /// <summary>Who changed a value aitune wrote, as far as the host can tell: the kernel keeps no record of writers.</summary>
    private static string WhoChanged(HostFacts facts, PlannedChange change, bool rebooted)
    {
        var clues = new List<string>();
        if (rebooted)
        {
            clues.Add("the host rebooted since apply (boot id changed) and the value was not persisted (apply --persist)");
        }

        if (change.Knob.SysctlKey() is { } sysctl && facts.Sysctls.BootConfiguration.EffectiveFor(sysctl) is { } boot
            && change.Current is not null && Inspection.Sysctl.SysctlInspector.CollapseWhitespace(boot.Value) == change.Current)
        {
            clues.Add($"it matches {boot.File}:{boot.Line} ({sysctl} = {boot.Value}): systemd-sysctl or `sysctl --system` re-applied the boot configuration");
        }

        clues.AddRange(CoexistenceConflicts.ConflictsFor(facts.Coexistence, change.Knob, change.Target ?? ""));
        return clues.Count > 0 ? string.Join("; ", clues) : "changed outside aitune; the kernel keeps no record of who wrote it";
    }

    /// <returns>What the next boot does to the knob, and the files that override aitune's (those the text names).</returns>
    private static (string? Text, IReadOnlyList<string> OverridingFiles) AtBoot(HostFacts facts, PlannedChange change, IReadOnlyList<string> persisted)
    {
        switch (KnobKinds.Of(change.Knob).Persistence)
        {
            case PersistenceForm.SysctlDropIn:
            {
                var key = change.Knob.Name;
                var ours = persisted.FirstOrDefault(p => p.StartsWith(PersistenceForm.SysctlDropIn.Directory(), StringComparison.Ordinal));
                var boot = facts.Sysctls.BootConfiguration;
                if (ours is null)
                {
                    return (boot.EffectiveFor(key) is { } effective
                        ? $"not persisted: at the next boot {effective.File}:{effective.Line} sets {effective.Value}"
                        : "not persisted: the kernel default returns at the next boot", []);
                }

                // The order and the rivals apply chose the file name with, so verify and apply agree on the winner.
                var overriding = SysctlDropInName.OverridingAtBoot(boot, ours, key, change.Target ?? change.Current ?? "")
                    .Where(r => r.IsExclusion || change.Wanted is null || !change.Wanted.IsSatisfiedBy(r.Value!)).ToList();
                return overriding.Count == 0
                    ? ($"kept by {ours}", [])
                    : ("overridden at boot by " + string.Join(", ", overriding.Select(r => r.IsExclusion
                        ? $"{r.File}:{r.Line} (-{r.Key}: systemd-sysctl leaves it unset)"
                        : r.IsGlob ? $"{r.File}:{r.Line} ({r.WrittenKey} = {r.Value}, under procps `sysctl --system` only)" : $"{r.File}:{r.Line} ({r.Value})")),
                        overriding.Select(r => r.File).Distinct(StringComparer.Ordinal).ToList());
            }

            case PersistenceForm.GrubDropIn:
                return (null, []);
            default:
            {
                var file = KnobKinds.Of(change.Knob).Persistence.Directory();
                var ours = persisted.FirstOrDefault(p => p.StartsWith(file, StringComparison.Ordinal));
                return (ours is null ? "not persisted: the kernel default returns at the next boot" : $"kept by {ours}", []);
            }
        }
    }
}
