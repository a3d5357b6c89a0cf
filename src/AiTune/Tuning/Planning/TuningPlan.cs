namespace AiTune.Tuning.Planning;

/// <summary>Everything apply would do, decided from the facts alone: so it works unprivileged and on snapshots. The
/// audit's guard-rail findings shown beside it are composed above the features (Services.GuardRailFindings), and
/// `plan --json` prints the two together (Serialization.PlanDocument).</summary>
public sealed record TuningPlan(
    string Profile,
    string? Model,
    long? ModelBytes,
    IReadOnlyList<PlannedChange> Changes,
    IReadOnlyList<string> ProfileConflicts)
{
    /// <summary>The resolved settings the plan was made from: what apply records in its journal, so that verify,
    /// status and rollback never need the profile files again.</summary>
    public IReadOnlyList<Profiles.ResolvedSetting> Settings { get; init; } = [];

    public IEnumerable<PlannedChange> ToSet => Changes.Where(c => c.Action == PlanAction.Set);

    public IEnumerable<PlannedChange> Refused => Changes.Where(c => c.Action == PlanAction.Refused);

    public IEnumerable<PlannedChange> PendingReboot => Changes.Where(c => c.Action == PlanAction.PendingReboot);

    public int Count(PlanAction action) => Changes.Count(c => c.Action == action);
}
