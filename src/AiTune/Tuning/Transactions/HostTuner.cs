using System.Globalization;
using AiTune.Files;
using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Tuning.Journal;
using AiTune.Tuning.Persistence;
using AiTune.Tuning.Planning;
using AiTune.Tuning.Writing;
using AiTune.Knobs.Kinds;
using AiTune.Text;

namespace AiTune.Tuning.Transactions;

/// <summary>
/// Applies and rolls back plans as transactions. Every change follows the write-ahead rule: its original value
/// is durable in the journal before the kernel or a file is touched, and its outcome is recorded after. A
/// failed knob rolls the whole apply back unless the request keeps going; an apply or rollback cut off by a
/// crash is finished by the next apply, rollback or status (<see cref="Recover"/>): the host ends either as
/// before or as applied, never in between.
/// </summary>
public sealed class HostTuner(IKernelFiles kernel, string rootDirectory, StateDirectory state, CrashPoint crash)
{
    private const string CompactMemoryPath = "/proc/sys/vm/compact_memory";

    public ApplyReport Apply(HostFacts facts, TuningPlan plan, ApplyRequest request)
    {
        using var held = state.Lock();
        var recovery = RecoverUnderLock();
        var journal = state.OpenJournal();
        var earlier = journal is null ? null : JournalState.Of(journal.Records);
        if (earlier is { Phase: TransactionPhase.Applied } standing && standing.Profile != plan.Profile)
        {
            throw new AiTuneException($"profile {standing.Profile} is applied on this host (since {standing.FirstBegin!.Time:u}); applying {plan.Profile} on top would mix two profiles",
                $"roll it back first (aitune rollback), or apply the combination {standing.Profile}+{plan.Profile}");
        }

        var refused = plan.Refused.ToList();
        if (refused.Count > 0)
        {
            throw new AiTuneException($"the plan refuses {refused.Count} change(s): " + string.Join("; ", refused.Select(c => $"{c.Id}: {c.Reason}")),
                "nothing was changed; see aitune plan for the whole plan");
        }

        var toSet = plan.ToSet.ToList();
        var applied = plan.Changes.Where(c => c.Action == PlanAction.Unchanged && c.Current is not null)
            .Select(c => new AppliedValue(c.Knob, c.Subject, c.Location, c.Current!)).ToList();
        var pendingReboot = plan.PendingReboot.Select(c => c.Target!).ToList();
        var skipped = plan.Changes.Where(c => c.Action == PlanAction.Skip).Select(c => new SkippedKnob(c.Id, c.Expected, c.Reason)).ToList();
        if (!plan.Changes.Any(c => c.Action is PlanAction.Set or PlanAction.Unchanged or PlanAction.PendingReboot))
        {
            // Nothing to apply and nothing to watch: recording the profile as applied would promise what it cannot.
            return new ApplyReport(plan.Profile, ApplyOutcome.NothingApplicable, [], [], skipped, [], [], recovery, journal?.Path);
        }

        var settings = plan.Settings.Select(JournalSetting.From).ToList();
        var heldValues = plan.Changes.Where(c => c.Action == PlanAction.Unchanged && c.Current is not null)
            .GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Current!, StringComparer.Ordinal);
        var begin = new JournalRecord
        {
            Kind = JournalRecordKind.Begin,
            Profile = plan.Profile,
            User = request.User,
            Uid = request.Uid,
            BootId = facts.Kernel.BootId.GetValueOrDefault(null!),
            Kernel = facts.Kernel.Release.GetValueOrDefault(null!),
            ToolVersion = request.ToolVersion,
            Model = plan.Model,
            ModelBytes = plan.ModelBytes,
            Persist = request.Persist is not null,
            PendingReboot = pendingReboot,
            Settings = settings,
            Held = heldValues,
        };
        if (toSet.Count == 0 && FilesToWrite(request, applied, earlier, DateTimeOffset.UtcNow).IsEmpty)
        {
            // Every knob already holds: the profile is recorded as applied all the same (a begin and its commit, no
            // intents), so verify and status watch it for drift. Applied again as it was recorded, nothing is added.
            if (earlier is not { Phase: TransactionPhase.Applied, AppliedBegin: { } last } || !SameResolution(last, begin))
            {
                journal ??= JournalFile.Create(state.JournalPath);
                var recorded = journal.Append(begin);
                crash.Passed();
                journal.Append(new JournalRecord { Kind = JournalRecordKind.Commit, Ref = recorded.Seq, Outcome = "applied" });
                crash.Passed();
            }

            return new ApplyReport(plan.Profile, ApplyOutcome.AlreadyHeld, [], [], skipped, pendingReboot, [], recovery, journal?.Path);
        }

        Preflight(toSet);
        journal ??= JournalFile.Create(state.JournalPath);
        begin = journal.Append(begin);
        crash.Passed();

        try
        {
            return ApplyBegun(journal, begin, plan, toSet, request, applied, pendingReboot, skipped, recovery);
        }
        catch (Exception e) when (e is AiTuneException or IOException or UnauthorizedAccessException)
        {
            // Whatever stopped the apply half way (a persistence file that cannot be written, a full disk), the
            // host goes back to where it was before this apply: never in between.
            Restore(journal, JournalState.Of(journal.Records).LastApplyIntents, "apply");
            ArchiveIfFinished(journal);
            throw new AiTuneException((e is AiTuneException ? e.Message : FileErrors.Describe(e)) + "; every change of this apply was rolled back", e is AiTuneException known ? known.Hint : "check the path and its permissions");
        }
    }

    /// <summary>Whether an apply recorded the same resolution of its profile as the one at hand: the same settings
    /// (the same model, conditions and profile files gave the same expectations) and the same kernel parameters.</summary>
    private static bool SameResolution(JournalRecord recorded, JournalRecord now) =>
        recorded.Settings is { } settings && settings.SequenceEqual(now.Settings!)
        && (recorded.PendingReboot ?? []).SequenceEqual(now.PendingReboot ?? []);

    private ApplyReport ApplyBegun(JournalFile journal, JournalRecord begin, TuningPlan plan, List<PlannedChange> toSet, ApplyRequest request, List<AppliedValue> applied,
        List<string> pendingReboot, List<SkippedKnob> skipped, RecoveryReport? recovery)
    {
        var earlier = JournalState.Of(journal.Records.Where(r => r.Seq < begin.Seq).ToList());
        var results = new List<ChangeResult>();
        bool failed = false;
        foreach (var change in toSet)
        {
            var result = ApplyOne(journal, change, applied);
            results.Add(result);
            if (result.Outcome == ChangeOutcome.Failed)
            {
                failed = true;
                if (!request.KeepGoing)
                {
                    break;
                }
            }
        }

        var notes = new List<string>();
        if (!failed || request.KeepGoing)
        {
            var work = FilesToWrite(request, applied, earlier, begin.Time);
            notes.AddRange(work.Notes);
            foreach (var file in work.Writes)
            {
                results.Add(WriteFile(journal, file));
            }

            foreach (var path in work.Removals)
            {
                results.Add(RemoveFile(journal, path));
            }
        }

        if (failed && !request.KeepGoing)
        {
            var restores = Restore(journal, JournalState.Of(journal.Records).LastApplyIntents, "apply");
            ArchiveIfFinished(journal);
            return new ApplyReport(plan.Profile, ApplyOutcome.RolledBack, results, restores, skipped, pendingReboot, [], recovery, journal.Path);
        }

        journal.Append(new JournalRecord { Kind = JournalRecordKind.Commit, Ref = begin.Seq, Outcome = failed ? "partial" : "applied" });
        crash.Passed();
        return new ApplyReport(plan.Profile, failed ? ApplyOutcome.Partial : ApplyOutcome.Changed, results, [], skipped, pendingReboot, notes, recovery, journal.Path);
    }

    /// <summary>Restores every original value, newest change first, removes the persistence files aitune
    /// wrote, and archives the journal. Without an applied profile it does nothing (idempotent).</summary>
    public RollbackReport Rollback()
    {
        using var held = state.Lock();
        var recovery = RecoverUnderLock();
        var journal = state.OpenJournal();
        if (journal is null)
        {
            return new RollbackReport(recovery?.Profile, true, [], recovery, null);
        }

        var standing = JournalState.Of(journal.Records);
        var restores = Restore(journal, standing.SurvivingIntents, "all");
        var archived = state.Archive(journal, standing.Profile!);
        return new RollbackReport(standing.Profile, false, restores, recovery, archived);
    }

    /// <summary>Finishes what an interrupted apply or rollback left: null when the journal is in order.</summary>
    public RecoveryReport? Recover()
    {
        using var held = state.Lock();
        return RecoverUnderLock();
    }

    private RecoveryReport? RecoverUnderLock()
    {
        var journal = state.OpenJournal();
        if (journal is null)
        {
            return null;
        }

        // A torn last record was never durable, so what it announced never started (docs/tuning.md): it goes before
        // anything else is appended. A journal that held nothing else held only a begin that never was: nothing to undo.
        journal.CutTornTail();
        if (journal.Records.Count == 0)
        {
            state.Discard(journal);
            return null;
        }

        var found = JournalState.Of(journal.Records);
        var profile = found.Profile!;
        switch (found.Phase)
        {
            case TransactionPhase.ApplyInterrupted:
            {
                var restores = Restore(journal, found.LastApplyIntents, "apply");
                ArchiveIfFinished(journal);
                return new RecoveryReport(found.Phase, profile, restores,
                    $"an apply of {profile} was interrupted (started {found.LastBegin!.Time:u}); its changes were rolled back, so the host is as it was before that apply");
            }

            case TransactionPhase.RollbackInterrupted:
            {
                bool all = found.OpenRollback!.Outcome == "all";
                var restores = Restore(journal, all ? found.SurvivingIntents : found.LastApplyIntents, all ? "all" : "apply");
                if (all)
                {
                    state.Archive(journal, profile);
                }
                else
                {
                    ArchiveIfFinished(journal);
                }

                return new RecoveryReport(found.Phase, profile, restores, $"a rollback of {profile} was interrupted; it was finished");
            }

            case TransactionPhase.RolledBack:
                state.Archive(journal, profile);
                return new RecoveryReport(found.Phase, profile, [], $"the rollback of {profile} had finished; its journal was archived");

            default:
                return null;
        }
    }

    /// <summary>Nothing is written unless every planned file can be: a read-only /proc/sys (a container) or a
    /// missing permission stops the apply before the journal is even begun.</summary>
    private void Preflight(IReadOnlyList<PlannedChange> changes)
    {
        foreach (var change in changes)
        {
            switch (kernel.CheckWritable(change.Path!))
            {
                case Writability.ReadOnlyFileSystem:
                    throw new AiTuneException($"{change.Path} is on a read-only file system: /proc/sys or /sys is mounted read-only, as in a container; nothing was changed",
                        "tune the host itself (run aitune on the host, not in the container), or have the runtime set namespaced sysctls (docker run --sysctl, a pod's securityContext.sysctls)");
                case Writability.PermissionDenied:
                    throw new AiTuneException($"no permission to write {change.Path}; nothing was changed",
                        "apply changes kernel settings and needs root: sudo aitune apply … (aitune plan works unprivileged)");
                case Writability.Missing:
                    throw new AiTuneException($"{change.Path} does not exist any more (a device removed since the plan?); nothing was changed",
                        "run aitune plan again");
            }
        }
    }

    private ChangeResult ApplyOne(JournalFile journal, PlannedChange change, List<AppliedValue> applied)
    {
        var location = change.Location!;
        var path = location.Path;
        var wanted = change.Wanted!;
        if (!kernel.Read(path).TryGet(out var raw))
        {
            return new ChangeResult(change.Id, path, null, change.Target, null, ChangeOutcome.Failed, "cannot read the current value: " + kernel.Read(path).Reason);
        }

        var original = KnobFileText.Selected(raw, path);
        var originalValue = location.FromFile(original);
        if (wanted.IsSatisfiedBy(originalValue))
        {
            applied.Add(new AppliedValue(change.Knob, change.Subject, location, originalValue));
            return new ChangeResult(change.Id, path, originalValue, change.Target, originalValue, ChangeOutcome.Written, "already satisfied when apply came to it");
        }

        var options = KnobFileText.Options(raw, path);
        var candidates = options.Count == 0 ? change.Candidates : change.Candidates.Where(c => options.Contains(location.ToFile(c))).ToList();
        if (candidates.Count == 0)
        {
            return new ChangeResult(change.Id, path, originalValue, change.Target, originalValue, ChangeOutcome.Failed,
                $"the kernel offers only {string.Join(", ", options)} here");
        }

        var intent = journal.Append(new JournalRecord
        {
            Kind = JournalRecordKind.Intent,
            Knob = change.Knob.Id,
            Subject = change.Subject,
            Path = path,
            Original = original,
            Target = location.ToFile(candidates[0]),
        });
        crash.Passed();

        string? after = null;
        string? error = null;
        string? accepted = null;
        foreach (var candidate in candidates)
        {
            var outcome = kernel.Write(path, location.ToFile(candidate));
            crash.Passed();
            if (!outcome.IsWritten)
            {
                error = $"the kernel refused {candidate}: {outcome.Message}";
                if (outcome.ValueRefused)
                {
                    continue;
                }

                break;
            }

            after = ReadValue(location);
            if (KnobKinds.Of(change.Knob).RetriesAfterCompaction && !wanted.IsSatisfiedBy(after ?? ""))
            {
                after = CompactAndRetry(location, candidate);
            }

            if (after is not null && wanted.IsSatisfiedBy(after))
            {
                accepted = candidate;
                break;
            }

            error = KnobKinds.Of(change.Knob).Shortfall(change.Knob, change.Subject, candidate, after)
                ?? $"asked {candidate}, the kernel holds {after}";
        }

        journal.Append(new JournalRecord
        {
            Kind = accepted is null ? JournalRecordKind.Failed : JournalRecordKind.Written,
            Ref = intent.Seq,
            Value = kernel.Read(path).TryGet(out var final) ? KnobFileText.Selected(final, path) : null,
            Error = accepted is null ? error : null,
        });
        crash.Passed();
        if (accepted is null)
        {
            return new ChangeResult(change.Id, path, originalValue, candidates[0], after, ChangeOutcome.Failed, error);
        }

        applied.Add(new AppliedValue(change.Knob, change.Subject, location, after!));
        return new ChangeResult(change.Id, path, originalValue, accepted, after, ChangeOutcome.Written,
            accepted != candidates[0] ? $"the kernel refused {string.Join(", ", candidates.TakeWhile(c => c != accepted))}; took the next alternative" : null);
    }

    /// <summary>The kernel grants huge pages from free contiguous memory; compaction (vm.compact_memory) makes
    /// more of it, so one retry after compacting often turns a partial grant into a full one.</summary>
    private string? CompactAndRetry(KnobLocation location, string candidate)
    {
        kernel.Write(CompactMemoryPath, "1");
        kernel.Write(location.Path, location.ToFile(candidate));
        crash.Passed();
        return ReadValue(location);
    }

    private string? ReadValue(KnobLocation location) =>
        kernel.Read(location.Path).TryGet(out var raw) ? location.FromFile(KnobFileText.Selected(raw, location.Path)) : null;

    /// <summary>The persistence files whose content differs from what is on disk, the files of an earlier apply
    /// that this one no longer writes (they would keep applying old values at boot), and the notes about them.
    /// A file whose directory cannot exist here (no /etc/udev: udev is not installed) is left out with a note.
    /// The first apply's time (its begin record's, <paramref name="firstApply"/> for the first apply itself) and
    /// user go into the headers, so applying again renders the same bytes.</summary>
    private PersistenceWork FilesToWrite(ApplyRequest request, IReadOnlyList<AppliedValue> applied, JournalState? earlier, DateTimeOffset firstApply)
    {
        if (request.Persist is null)
        {
            return new PersistenceWork([], [], []);
        }

        var first = earlier?.Phase == TransactionPhase.Applied ? earlier.FirstBegin : null;
        var plan = request.Persist(new PersistContext(applied, earlier?.PersistedFiles ?? [], first?.Time ?? firstApply, first?.User ?? request.User));
        var notes = plan.Sysctl?.Beats.Where(b => !b.Agrees).Select(b => $"{plan.Sysctl.Path} beats {b.File}:{b.Line} ({b.WrittenKey} = {b.Value}) at boot").ToList() ?? [];
        notes.AddRange(plan.Notes);
        var writes = new List<RenderedFile>();
        foreach (var file in plan.Files.Where(f => ConfigFileWriter.ReadExisting(rootDirectory, f.Path) != f.Content))
        {
            if (ConfigFileWriter.Probe(rootDirectory, file.Path) == DropInDirectory.Unavailable)
            {
                notes.Add($"{file.Path} was not written: {Path.GetDirectoryName(Path.GetDirectoryName(file.Path))} does not exist here, so nothing on this host would read it: "
                    + "what it holds does not survive a reboot (kernel parameters: add them to your boot loader's command line yourself)");
                continue;
            }

            writes.Add(file);
        }

        var removals = plan.Obsolete.Where(p => ConfigFileWriter.ReadExisting(rootDirectory, p) is not null).ToList();
        return new PersistenceWork(writes, removals, notes);
    }

    private ChangeResult WriteFile(JournalFile journal, RenderedFile file)
    {
        var existing = ConfigFileWriter.ReadExisting(rootDirectory, file.Path);
        var intent = journal.Append(new JournalRecord
        {
            Kind = JournalRecordKind.Intent,
            Knob = JournalState.FileKnob,
            Subject = "",
            Path = file.Path,
            Original = existing,
            Target = Sha256.HexOfUtf8(file.Content),
            CreatesDirectory = ConfigFileWriter.Probe(rootDirectory, file.Path) == DropInDirectory.Created ? true : null,
        });
        crash.Passed();
        ConfigFileWriter.Write(rootDirectory, file.Path, file.Content);
        crash.Passed();
        journal.Append(new JournalRecord { Kind = JournalRecordKind.Written, Ref = intent.Seq, Value = Sha256.HexOfUtf8(file.Content) });
        crash.Passed();
        return new ChangeResult(file.Path, file.Path, existing is null ? "(absent)" : "(previous aitune version)", null, "written", ChangeOutcome.Written, null);
    }

    /// <summary>Removes a file an earlier apply wrote and this one does not; its content is journaled first, so
    /// rollback puts it back before removing what that earlier apply wrote.</summary>
    private ChangeResult RemoveFile(JournalFile journal, string path)
    {
        var intent = journal.Append(new JournalRecord
        {
            Kind = JournalRecordKind.Intent,
            Knob = JournalState.FileKnob,
            Subject = "",
            Path = path,
            Original = ConfigFileWriter.ReadExisting(rootDirectory, path),
            Target = JournalState.RemovedTarget,
        });
        crash.Passed();
        ConfigFileWriter.Remove(rootDirectory, path);
        crash.Passed();
        journal.Append(new JournalRecord { Kind = JournalRecordKind.Written, Ref = intent.Seq, Value = JournalState.RemovedTarget });
        crash.Passed();
        return new ChangeResult(path, path, "(earlier aitune version)", null, "(removed)", ChangeOutcome.Written, "no longer written by this profile");
    }

    /// <summary>Writes each intent's original back, newest first, each restore recorded.</summary>
    private List<ChangeResult> Restore(JournalFile journal, IReadOnlyList<JournalRecord> intents, string scope)
    {
        var history = JournalState.Of(journal.Records);
        journal.Append(new JournalRecord { Kind = JournalRecordKind.RollbackBegin, Outcome = scope });
        crash.Passed();
        var results = new List<ChangeResult>();
        foreach (var intent in intents.Reverse())
        {
            var result = intent.Knob == JournalState.FileKnob ? RestoreFile(intent) : RestoreKnob(intent, history.OutcomeOf(intent));
            crash.Passed();
            journal.Append(new JournalRecord
            {
                Kind = JournalRecordKind.Restored,
                Ref = intent.Seq,
                Value = result.After,
                Error = result.Outcome is ChangeOutcome.NotRestored or ChangeOutcome.LeftInPlace ? result.Note : null,
            });
            crash.Passed();
            results.Add(result);
        }

        journal.Append(new JournalRecord { Kind = JournalRecordKind.RollbackEnd, Outcome = scope });
        crash.Passed();
        return results;
    }

    private ChangeResult RestoreKnob(JournalRecord intent, JournalRecord? outcome)
    {
        var path = intent.Path!;
        var id = intent.Subject!.Length == 0 ? intent.Knob! : $"{intent.Knob}@{intent.Subject}";
        var original = intent.Original ?? "";
        var now = kernel.Read(path).TryGet(out var raw) ? KnobFileText.Selected(raw, path) : null;
        if (now == original)
        {
            return new ChangeResult(id, path, now, original, now, ChangeOutcome.AlreadyOriginal, null);
        }

        var note = outcome is { Kind: JournalRecordKind.Written, Value: { } written } && now is not null && now != written
            ? $"overwrote an outside change: aitune had written {written}, someone set {now} since"
            : null;
        var result = kernel.Write(path, original);
        if (!result.IsWritten)
        {
            var why = intent.Knob!.StartsWith("sysctl:", StringComparison.Ordinal) ? Planning.IrreversibleSettings.Why(Knob.Sysctl(intent.Knob[7..]), intent.Target!) : null;
            return new ChangeResult(id, path, now, original, now, ChangeOutcome.NotRestored,
                why ?? $"the kernel refused the original value {original}: {result.Message}");
        }

        var after = kernel.Read(path).TryGet(out var back) ? KnobFileText.Selected(back, path) : null;
        return after == original
            ? new ChangeResult(id, path, now, original, after, ChangeOutcome.Restored, note)
            : new ChangeResult(id, path, now, original, after, ChangeOutcome.NotRestored,
                intent.Knob!.StartsWith("hugepages:", StringComparison.Ordinal)
                    ? $"the kernel keeps {after} huge pages: pages in use by a process are freed when it unmaps them"
                    : $"wrote {original}, the kernel holds {after}");
    }

    private ChangeResult RestoreFile(JournalRecord intent)
    {
        var result = RestoreFileContent(intent);
        if (intent.CreatesDirectory == true && ConfigFileWriter.ReadExisting(rootDirectory, intent.Path!) is null)
        {
            ConfigFileWriter.RemoveDirectoryIfEmpty(rootDirectory, intent.Path!);
        }

        return result;
    }

    private ChangeResult RestoreFileContent(JournalRecord intent)
    {
        var path = intent.Path!;
        var current = ConfigFileWriter.ReadExisting(rootDirectory, path);
        if (intent.Original is { } previous)
        {
            if (current == previous)
            {
                return new ChangeResult(path, path, "(as before)", null, "(as before)", ChangeOutcome.AlreadyOriginal, null);
            }

            ConfigFileWriter.Write(rootDirectory, path, previous);
            return new ChangeResult(path, path, current is null ? "(removed)" : "written", null, "(previous content)", ChangeOutcome.Restored, null);
        }

        if (current is null)
        {
            return new ChangeResult(path, path, "(absent)", null, "(absent)", ChangeOutcome.AlreadyOriginal, null);
        }

        if (Sha256.HexOfUtf8(current) != intent.Target)
        {
            return new ChangeResult(path, path, "edited", null, "edited", ChangeOutcome.LeftInPlace,
                $"{path} was edited since aitune wrote it; left in place (remove it yourself if the edits should go too)");
        }

        ConfigFileWriter.Remove(rootDirectory, path);
        return new ChangeResult(path, path, "written", null, "(removed)", ChangeOutcome.Restored, null);
    }

    private void ArchiveIfFinished(JournalFile journal)
    {
        var after = JournalState.Of(journal.Records);
        if (after.Phase == TransactionPhase.RolledBack)
        {
            state.Archive(journal, after.Profile!);
        }
    }
}
