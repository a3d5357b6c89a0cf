using AiTune.Audit;
using AiTune.Tuning.Planning;

namespace AiTune.Serialization;

/// <summary>What `aitune plan --json` prints (docs/schemas/plan.schema.json): the plan, the audit's memory-safety
/// warnings it does not fix, and its changes sorted by what apply does with them.</summary>
/// <param name="Warnings">Audit findings that stay true after the plan (overcommit without headroom, swap …).</param>
/// <param name="ToSet">The changes apply writes.</param>
/// <param name="Refused">The changes apply refuses: it refuses the whole plan until they are resolved.</param>
/// <param name="PendingReboot">Kernel parameters that take effect at the next boot.</param>
public sealed record PlanDocument(
    int SchemaVersion,
    string Profile,
    string? Model,
    long? ModelBytes,
    IReadOnlyList<PlannedChange> Changes,
    IReadOnlyList<string> ProfileConflicts,
    IReadOnlyList<Finding> Warnings,
    IReadOnlyList<PlannedChange> ToSet,
    IReadOnlyList<PlannedChange> Refused,
    IReadOnlyList<PlannedChange> PendingReboot)
{
    public const int CurrentSchemaVersion = 1;

    public static PlanDocument Of(TuningPlan plan, IReadOnlyList<Finding> warnings) =>
        new(CurrentSchemaVersion, plan.Profile, plan.Model, plan.ModelBytes, plan.Changes, plan.ProfileConflicts, warnings,
            plan.ToSet.ToList(), plan.Refused.ToList(), plan.PendingReboot.ToList());
}
