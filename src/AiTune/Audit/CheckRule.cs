using AiTune.Profiles;

namespace AiTune.Audit;

/// <summary>A rule with its own logic over the facts (huge page grants, IOMMU conflicts, kernel flavor …).</summary>
/// <param name="appliesTo">Which profiles apply it, in words ("all", "inference profiles", "hardened").</param>
/// <param name="check">The verdict for a host, or null when the selected profile does not concern this rule.</param>
public sealed class CheckRule(string id, Category category, string title, Severity severity, string why, string source,
    string appliesTo, Func<AuditContext, Verdict?> check)
    : Rule(id, category, title, severity, why, source)
{
    public override string AppliesTo => appliesTo;

    public override Finding? Evaluate(AuditContext context)
    {
        var verdict = check(context);
        return verdict is null ? null : ToFinding(verdict, context.Profile.Names);
    }
}
