using AiTune.Audit;
using AiTune.Tuning.Planning;

namespace AiTune.Serialization;

/// <summary>The document `aitune plan --json` prints (docs/schemas/plan.schema.json): the plan, with the audit's
/// guard-rail findings beside it. The plan is Tuning's and knows nothing of the audit, so the two meet here; the
/// members keep the order the plan's own serialization had, so the output did not change when they were parted.</summary>
/// <param name="Warnings">Audit findings that stay true after the plan (overcommit without headroom, swap, a model
/// that does not fit), shown before writing.</param>
/// <param name="ToSet">The changes apply writes now.</param>
/// <param name="Refused">The changes apply refuses; while any is here, apply refuses the whole plan.</param>
/// <param name="PendingReboot">The changes that take effect at the next boot (kernel parameters).</param>
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
