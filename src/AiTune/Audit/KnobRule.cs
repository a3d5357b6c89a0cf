using AiTune.Tuning.Knobs;

namespace AiTune.Audit;

/// <summary>A rule that judges one knob against what the selected profiles expect of it. The expectation
/// lives in the profile files, the explanation here: so the audit and the tuner read the same source.</summary>
public sealed class KnobRule(string id, Category category, Knob knob, string title, Severity severity, string why, string source)
    : Rule(id, category, title, severity, why, source)
{
    public override Knob Knob { get; } = knob;

    public override string AppliesTo => "profiles that set " + Knob.Id;

    public override Finding? Evaluate(AuditContext context)
    {
        if (!context.Profile.Settings.TryGetValue(Knob.Id, out var settings))
        {
            return null;
        }

        var profiles = settings.Select(s => s.Profile).Distinct().ToList();
        var expected = string.Join("; ", settings.Select(s => s.Expectation.ToString()).Distinct());
        var severity = settings.Select(s => s.Severity).Max() ?? Severity;
        var conflict = settings.Select(s => s.Expectation.ToString()).Distinct().Count() > 1
            ? "the selected profiles disagree: " + string.Join("; ", settings.Select(s => $"{s.Profile} wants {s.Expectation}"))
            : null;

        var reading = KnobReader.Read(context.Facts, Knob);
        if (reading.NotApplicable is { } reason)
        {
            return ToFinding(Verdict.NotApplicable(reason, expected) with { Severity = severity }, profiles);
        }

        var known = reading.Values.Where(v => v.Value.IsKnown).ToList();
        if (known.Count == 0)
        {
            var missing = reading.Values[0].Value.Reason!;
            var verdict = missing.Kind == Inspection.UnknownKind.Absent
                ? Verdict.NotApplicable($"this kernel has no {Knob.Name} ({missing.Detail}): the feature is not built in or the kernel predates it", expected)
                : Verdict.Unknown(missing, expected);
            return ToFinding(verdict with { Severity = severity }, profiles);
        }

        var failing = known.Where(v => !settings.All(s => s.Expectation.IsSatisfiedBy(v.Value.Value))).ToList();
        var current = Describe(reading.Values);
        if (failing.Count == 0)
        {
            var unknownNote = known.Count < reading.Values.Count ? "some values could not be read: " + reading.Values.First(v => !v.Value.IsKnown).Value.Reason : null;
            return ToFinding(new Verdict(FindingStatus.Pass, current, expected, conflict ?? unknownNote, null, severity), profiles);
        }

        var target = settings[0].Expectation.Target;
        var fix = KnobFixes.For(Knob, target, failing.Select(v => v.Subject).Where(s => s.Length > 0));
        var status = severity <= Severity.Low ? FindingStatus.Warn : FindingStatus.Fail;
        return ToFinding(new Verdict(status, current, expected, conflict, fix, severity), profiles);
    }

    /// <summary>"powersave (16 policies)" when all agree, else "nvme0n1: mq-deadline, nvme1n1: none".</summary>
    internal static string Describe(IReadOnlyList<KnobValue> values)
    {
        var texts = values.Select(v => v.Value.IsKnown ? v.Value.Value : "unknown").ToList();
        if (values.Count == 1)
        {
            return texts[0];
        }

        if (texts.Distinct().Count() == 1)
        {
            return $"{texts[0]} (all {values.Count}: {string.Join(", ", values.Select(v => v.Subject).Take(4))}{(values.Count > 4 ? ", …" : "")})";
        }

        return string.Join(", ", values.Select((v, i) => $"{v.Subject}: {texts[i]}"));
    }
}
