using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Knobs.Kinds;

namespace AiTune.Audit;

/// <summary>A rule that judges one knob against what the selected profiles expect of it on this host. The
/// expectation lives in the profile files and is resolved by <see cref="ProfileResolver"/> (conditions, values computed
/// from the model), the explanation in <see cref="KnobRationales"/>, which built-in profile settings also take theirs from:
/// so the audit and the tuner read the same resolved settings, and explain a knob in the same words.</summary>
public sealed class KnobRule(string id, Category category, Knob knob, string title, Severity severity)
    : Rule(id, category, title, severity, RationaleOf(knob).Why, RationaleOf(knob).Source)
{
    public override Knob Knob { get; } = knob;

    public override string AppliesTo => "profiles that set " + Knob.Id;

    public override Finding? Evaluate(AuditContext context)
    {
        if (context.Resolved.Combined.FirstOrDefault(c => c.Knob == Knob) is not { } combined)
        {
            return null;
        }

        // Plain loops where LINQ allocated an iterator per step: a knob rule runs for every knob of each of the five
        // profiles an audit scores, and on this VM every fresh page allocation lands on costs microseconds.
        var settings = combined.Settings;
        var profiles = new List<string>(settings.Count);
        var skipped = new List<ResolvedSetting>();
        foreach (var setting in settings)
        {
            if (!profiles.Contains(setting.Profile))
            {
                profiles.Add(setting.Profile);
            }

            if (setting.SkipReason is not null)
            {
                skipped.Add(setting);
            }
        }

        var active = combined.Applying;
        var severity = HighestSeverity(active.Count > 0 ? active : settings) ?? Severity;
        if (active.Count == 0)
        {
            var reasons = skipped.Select(s => s.SkipReason!).Distinct().ToList();
            var reason = reasons.Count == 1 ? reasons[0] : string.Join("; ", skipped.Select(s => $"{s.Profile}: {s.SkipReason}"));
            return ToFinding(Verdict.NotApplicable(reason) with { Severity = severity }, profiles);
        }

        // Where the profiles agree, one expectation satisfies them all and the finding states it; where they
        // contradict each other (the same verdict the plan refuses on), every want is stated and each must hold.
        var together = combined.Expectation is { } agreed ? Wants(active[0] with { Expectation = agreed }) : null;
        var expected = together ?? string.Join("; ", active.Select(Wants).Distinct());
        var notes = new List<string>();
        if (combined.Conflict is not null)
        {
            notes.Add("the selected profiles disagree: " + string.Join("; ", active.Select(s => $"{s.Profile} wants {Wants(s)}")));
        }
        else if (active.Select(Wants).Distinct().Count() > 1)
        {
            notes.Add(string.Join("; ", active.Select(s => $"{s.Profile} wants {Wants(s)}")) + $": {together} satisfies them all");
        }

        notes.AddRange(skipped.Select(s => $"{s.Profile}'s setting does not apply here: {s.SkipReason}"));

        // Each value is judged by the settings that target its node (huge pages placed near a GPU), or the host.
        var judged = new List<(KnobValue Value, IReadOnlyList<ResolvedSetting> By)>();
        string? notApplicable = null;
        foreach (var (node, targeting) in ByNode(active))
        {
            var reading = KnobReader.Read(context.Facts, Knob, node);
            if (reading.NotApplicable is { } reason)
            {
                notApplicable ??= reason;
                continue;
            }

            foreach (var value in reading.Values)
            {
                judged.Add((value, targeting));
            }
        }

        if (judged.Count == 0)
        {
            return ToFinding(Verdict.NotApplicable(notApplicable!, expected) with { Severity = severity }, profiles);
        }

        var values = judged.ConvertAll(j => j.Value);
        var known = judged.FindAll(j => j.Value.Value.IsKnown);
        if (known.Count == 0)
        {
            var missing = values[0].Value.Reason!;
            var verdict = missing.Kind == Facts.UnknownKind.Absent
                ? Verdict.NotApplicable($"this kernel has no {Knob.Name} ({missing.Detail}): the feature is not built in or the kernel predates it", expected)
                : Verdict.Unknown(missing, expected);
            return ToFinding(verdict with { Severity = severity }, profiles);
        }

        var failing = known.FindAll(j => !j.By.All(s => s.Expectation!.IsSatisfiedBy(j.Value.Value.Value)));
        var current = Describe(values);
        var note = notes.Count == 0 ? null : string.Join("; ", notes);
        if (failing.Count == 0)
        {
            var unknownNote = known.Count < values.Count ? "some values could not be read: " + values.First(v => !v.Value.IsKnown).Value.Reason : null;
            return ToFinding(new Verdict(FindingStatus.Pass, current, expected, note ?? unknownNote, null, severity), profiles);
        }

        var target0 = (combined.Expectation ?? failing[0].By[0].Expectation!).Target;
        var fix = context.ScoreOnly ? null : KnobFixes.For(context, Knob, target0, failing.Select(j => j.Value.Subject).Where(s => s.Length > 0));
        var status = severity <= Severity.Low ? FindingStatus.Warn : FindingStatus.Fail;
        if (KnobKinds.Of(Knob).ReservesMemory
            && HugePagesShare.Refusal(context.Facts, failing.Select(j => (Knob, (string?)j.Value.Value.Value, (string?)target0)), ModelSizing.DefaultMaxHugePagesShare) is { } refusal)
        {
            // The plan refuses this pool; the audit does not advise what the tuner would refuse.
            return ToFinding(new Verdict(status, current, expected, string.Join("; ", notes.Append("aitune plan refuses it: " + refusal)), null, severity), profiles);
        }

        return ToFinding(new Verdict(status, current, expected, note, fix, severity), profiles);
    }

    private static string Wants(ResolvedSetting setting) => ProfileConflicts.Wants(setting);

    private static Severity? HighestSeverity(IReadOnlyList<ResolvedSetting> settings)
    {
        Severity? highest = null;
        foreach (var setting in settings)
        {
            if (setting.Severity is { } severity && (highest is null || severity > highest))
            {
                highest = severity;
            }
        }

        return highest;
    }

    /// <summary>The settings grouped by the NUMA node they target (null: the host), in the order the nodes first
    /// appear, as GroupBy would give them.</summary>
    private static List<(int? Node, List<ResolvedSetting> Settings)> ByNode(IReadOnlyList<ResolvedSetting> settings)
    {
        var groups = new List<(int? Node, List<ResolvedSetting> Settings)>();
        foreach (var setting in settings)
        {
            int index = groups.FindIndex(g => g.Node == setting.Node);
            if (index < 0)
            {
                groups.Add((setting.Node, [setting]));
            }
            else
            {
                groups[index].Settings.Add(setting);
            }
        }

        return groups;
    }

    /// <summary>Every knob rule explains itself; a rule without a rationale is a programming error, found as the
    /// catalogue loads.</summary>
    private static KnobRationale RationaleOf(Knob knob) =>
        KnobRationales.For(knob) ?? throw new InvalidOperationException($"{knob.Id} has a knob rule but no entry in KnobRationales");

    /// <summary>"powersave (16 policies)" when all agree, else "nvme0n1: mq-deadline, nvme1n1: none".</summary>
    internal static string Describe(IReadOnlyList<KnobValue> values)
    {
        var texts = values.Select(v => v.Value.IsKnown ? v.Value.Value : "unknown").ToList();
        if (values.Count == 1)
        {
            return values[0].Subject.StartsWith("node", StringComparison.Ordinal) ? $"{values[0].Subject}: {texts[0]}" : texts[0];
        }

        if (texts.Distinct().Count() == 1)
        {
            return $"{texts[0]} (all {values.Count}: {string.Join(", ", values.Select(v => v.Subject).Take(4))}{(values.Count > 4 ? ", …" : "")})";
        }

        return string.Join(", ", values.Select((v, i) => $"{v.Subject}: {texts[i]}"));
    }
}
