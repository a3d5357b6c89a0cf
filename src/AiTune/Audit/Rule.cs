using AiTune.Knobs;
using AiTune.Profiles;

namespace AiTune.Audit;

/// <summary>One entry of the rule catalogue: a stable id, what it checks and why, and its check.</summary>
/// <param name="Source">Where the expectation comes from (kernel documentation, a vendor guide, KSPP …).</param>
public abstract class Rule(string id, Category category, string title, Severity severity, string why, string source)
{
    public string Id { get; } = id;

    public Category Category { get; } = category;

    public string Title { get; } = title;

    public Severity Severity { get; } = severity;

    public string Why { get; } = why;

    public string Source { get; } = source;

    /// <summary>The knob whose profile expectation this rule judges; null for rules with their own logic.</summary>
    public virtual Knob? Knob => null;

    /// <summary>Which profiles apply this rule, in words, for the catalogue.</summary>
    public abstract string AppliesTo { get; }

    /// <summary>The finding for this host, or null when the selected profile does not ask for this rule.</summary>
    public abstract Finding? Evaluate(AuditContext context);

    protected Finding ToFinding(Verdict verdict, IReadOnlyList<string> profiles) =>
        new(Id, Title, Category, verdict.Severity ?? Severity, verdict.Status, verdict.Current, verdict.Expected, Why, verdict.Note, verdict.Fix, profiles);
}
