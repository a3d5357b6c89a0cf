using AiTune.Audit;
using AiTune.Profiles;
using AiTune.Inspection;

namespace AiTune.Serialization;

/// <summary>The document `aitune profile show NAME --json` prints: the selection resolved for one host
/// (docs/schemas/profile.schema.json).</summary>
public sealed record ResolvedProfileDocument(
    int SchemaVersion,
    string ToolVersion,
    HostSummary Host,
    string Profile,
    ModelRequirement? Model,
    IReadOnlyList<ResolvedSettingEntry> Settings,
    IReadOnlyList<string> Conflicts)
{
    public const int CurrentSchemaVersion = 1;

    public static ResolvedProfileDocument From(ResolvedProfile profile, HostFacts facts, ModelRequirement? model, string toolVersion) =>
        new(CurrentSchemaVersion, toolVersion, HostSummary.Of(facts), profile.Name, model,
            profile.Settings.Select(Entry).ToList(), profile.Conflicts);

    private static ResolvedSettingEntry Entry(ResolvedSetting setting)
    {
        var rule = RuleCatalogue.All.FirstOrDefault(r => r.Knob == setting.Knob);
        var kind = setting.Expectation?.Kind.ToString();
        return new ResolvedSettingEntry(
            setting.Knob.Id,
            setting.Node,
            setting.Expectation?.ToString(),
            kind is null ? null : char.ToLowerInvariant(kind[0]) + kind[1..],
            setting.Expectation?.Values,
            (setting.Severity ?? rule?.Severity) is { } severity ? SeverityNames.Of(severity) : null,
            rule?.Id,
            setting.Profile,
            setting.Rationale,
            setting.Source,
            setting.SkipReason);
    }
}

/// <summary>One resolved setting.</summary>
/// <param name="Knob">The knob id: "sysctl:vm.swappiness", "hugepages:2048kB".</param>
/// <param name="Node">The NUMA node targeted; null for the whole host.</param>
/// <param name="Expected">The expectation for people ("&gt;= 4096"); null when skipped.</param>
/// <param name="ExpectationKind">exact, atLeast, atMost or anyOf; null when skipped.</param>
/// <param name="Values">The value, bound or alternatives; null when skipped.</param>
/// <param name="Severity">The profile's severity, else the audit rule's; null when no rule judges the knob.</param>
/// <param name="Rule">The audit rule that judges the knob, if any.</param>
/// <param name="SkipReason">Why the setting does not apply to this host; null when it does.</param>
public sealed record ResolvedSettingEntry(
    string Knob,
    int? Node,
    string? Expected,
    string? ExpectationKind,
    IReadOnlyList<string>? Values,
    string? Severity,
    string? Rule,
    string Profile,
    string Rationale,
    string Source,
    string? SkipReason);
