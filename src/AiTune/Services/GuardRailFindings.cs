using AiTune.Audit;
using AiTune.Inspection;
using AiTune.Profiles;

namespace AiTune.Services;

/// <summary>The audit's memory-safety findings that a plan does not fix and that make tuning risky: shown
/// before apply writes anything, so nobody raises overcommit or reserves huge pages blind.</summary>
public static class GuardRailFindings
{
    /// <summary>MEM007 overcommit without headroom, MEM008 swap, MEM014 the model does not fit.</summary>
    public static readonly IReadOnlyList<string> RuleIds = ["MEM007", "MEM008", "MEM014"];

    public static IReadOnlyList<Finding> For(HostFacts facts, ProfileSelection selection, ModelRequirement? model) =>
        AuditEngine.Evaluate(facts, selection, model)
            .Where(f => RuleIds.Contains(f.Id) && f.Status is FindingStatus.Fail or FindingStatus.Warn)
            .ToList();
}
