namespace AiTune.Tuning.Journal;

/// <summary>
/// Reads the transaction history of a journal. The journal holds one or more applies of the same profile
/// (begin … commit), each possibly rolled back on its own when it failed (rollback "apply"), and at most one
/// rollback of everything (rollback "all"). Restoring is always "write each intent's original, newest first":
/// applied to every surviving intent that leaves each knob at its oldest original, which is the host as it was
/// before aitune; repeating it after a crash changes nothing, so every recovery is idempotent.
/// </summary>
public sealed class JournalState
{
    private readonly List<Segment> segments = [];

    private JournalState(IReadOnlyList<JournalRecord> records)
    {
        Segment? current = null;
        JournalRecord? openRollback = null;
        bool allRolledBack = false;
        foreach (var record in records)
        {
            switch (record.Kind)
            {
                case JournalRecordKind.Begin:
                    current = new Segment(record);
                    segments.Add(current);
                    break;
                case JournalRecordKind.Intent:
                    current!.Intents.Add(record);
                    break;
                case JournalRecordKind.Written or JournalRecordKind.Failed:
                    current!.Outcomes[record.Ref!.Value] = record;
                    break;
                case JournalRecordKind.Commit:
                    current!.Committed = true;
                    current.Outcome = record.Outcome;
                    break;
                case JournalRecordKind.RollbackBegin:
                    openRollback = record;
                    break;
                case JournalRecordKind.Restored:
                    Restorations[record.Ref!.Value] = record;
                    break;
                case JournalRecordKind.RollbackEnd:
                    openRollback = null;
                    if (record.Outcome == "all")
                    {
                        allRolledBack = true;
                    }
                    else if (current is not null)
                    {
                        current.Voided = true;
                    }

                    break;
            }
        }

        OpenRollback = openRollback;
        Phase = records.Count == 0 ? TransactionPhase.None
            : openRollback is not null ? TransactionPhase.RollbackInterrupted
            : allRolledBack ? TransactionPhase.RolledBack
            : segments[^1] is { Committed: false, Voided: false } ? TransactionPhase.ApplyInterrupted
            : segments.Any(s => s.Committed && !s.Voided) ? TransactionPhase.Applied
            : TransactionPhase.RolledBack;
    }

    public static JournalState Of(IReadOnlyList<JournalRecord> records) => new(records);

    public TransactionPhase Phase { get; }

    /// <summary>The rollback that was under way when the journal ends, if any ("apply" or "all" in its Outcome).</summary>
    public JournalRecord? OpenRollback { get; }

    /// <summary>The first begin: when, by whom and for what the profile was applied.</summary>
    public JournalRecord? FirstBegin => segments.Count > 0 ? segments[0].Begin : null;

    public JournalRecord? LastBegin => segments.Count > 0 ? segments[^1].Begin : null;

    /// <summary>The begin of the last apply that stands (committed, not rolled back): its settings are the profile as
    /// the host now holds it applied.</summary>
    public JournalRecord? AppliedBegin => segments.LastOrDefault(s => s.Committed && !s.Voided)?.Begin;

    /// <summary>The profile as the standing apply resolved it for the host, read from its begin record: what verify and
    /// status judge the host against, whatever the profile files say now. Null for a journal written before aitune
    /// recorded it (its profile must be resolved again from the files).</summary>
    public Profiles.ResolvedProfile? AppliedProfile =>
        AppliedBegin is { Settings: { } settings } begin
            ? new Profiles.ResolvedProfile(begin.Profile!, settings.Select(s => s.ToResolved()!).ToList(), [])
            : null;

    /// <summary>The knobs the standing applies found already holding what the profile asks (id with @subject → the
    /// value then), the latest apply's word last.</summary>
    public IReadOnlyDictionary<string, string> HeldAtApply
    {
        get
        {
            var held = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var segment in segments.Where(s => s.Committed && !s.Voided))
            {
                foreach (var (id, value) in segment.Begin.Held ?? new Dictionary<string, string>())
                {
                    held[id] = value;
                }
            }

            return held;
        }
    }

    public string? Profile => FirstBegin?.Profile;

    /// <summary>Restore records by intent seq (the latest for each).</summary>
    public Dictionary<long, JournalRecord> Restorations { get; } = [];

    /// <summary>Intents of the applies that stand (committed, not rolled back), oldest first.</summary>
    public IReadOnlyList<JournalRecord> StandingIntents =>
        segments.Where(s => s.Committed && !s.Voided).SelectMany(s => s.Intents).ToList();

    /// <summary>Intents of the last apply (the one an interrupted apply or a failed apply's rollback undoes).</summary>
    public IReadOnlyList<JournalRecord> LastApplyIntents => segments.Count > 0 ? segments[^1].Intents : [];

    /// <summary>Every intent not already undone by its own apply's rollback, oldest first.</summary>
    public IReadOnlyList<JournalRecord> SurvivingIntents =>
        segments.Where(s => !s.Voided).SelectMany(s => s.Intents).ToList();

    /// <summary>Written or Failed for an intent; null when the change may or may not have happened.</summary>
    public JournalRecord? OutcomeOf(JournalRecord intent) =>
        segments.Select(s => s.Outcomes.GetValueOrDefault(intent.Seq)).FirstOrDefault(o => o is not null);

    /// <summary>Kernel parameters the standing applies left for the next boot.</summary>
    public IReadOnlyList<string> PendingReboot =>
        segments.Where(s => s.Committed && !s.Voided).SelectMany(s => s.Begin.PendingReboot ?? []).Distinct().ToList();

    /// <summary>Persistence files the standing applies wrote (host paths).</summary>
    public IReadOnlyList<string> PersistedFiles =>
        StandingIntents.Where(i => i.Knob == FileKnob && i.Target != RemovedTarget && OutcomeOf(i)?.Kind == JournalRecordKind.Written).Select(i => i.Path!).Distinct().ToList();

    /// <summary>The target of a file intent that removes an obsolete file of aitune's (a SHA-256 never reads so).</summary>
    public const string RemovedTarget = "removed";

    /// <summary>The knob id of intents that write a persistence file.</summary>
    public const string FileKnob = "file";

    public bool AnyPartial => segments.Any(s => s.Committed && !s.Voided && s.Outcome == "partial");

    private sealed class Segment(JournalRecord begin)
    {
        public JournalRecord Begin { get; } = begin;

        public List<JournalRecord> Intents { get; } = [];

        public Dictionary<long, JournalRecord> Outcomes { get; } = [];

        public bool Committed { get; set; }

        public bool Voided { get; set; }

        public string? Outcome { get; set; }
    }
}
