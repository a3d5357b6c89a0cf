using AiTune.Profiles;

namespace AiTune.Audit;

/// <summary>What a rule's check concludes, before the rule adds its id, title and explanation.</summary>
public sealed record Verdict(FindingStatus Status, string Current, string Expected, string? Note = null, Fix? Fix = null, Severity? Severity = null)
{
    public static Verdict Pass(string current, string expected, string? note = null) => new(FindingStatus.Pass, current, expected, note);

    public static Verdict Warn(string current, string expected, Fix? fix, string? note = null) => new(FindingStatus.Warn, current, expected, note, fix);

    public static Verdict Fail(string current, string expected, Fix? fix, string? note = null) => new(FindingStatus.Fail, current, expected, note, fix);

    public static Verdict NotApplicable(string reason, string expected = "—") => new(FindingStatus.NotApplicable, "—", expected, reason);

    public static Verdict Unknown(Facts.UnknownReason reason, string expected) => new(FindingStatus.Unknown, "unknown", expected, reason.Detail);
}
