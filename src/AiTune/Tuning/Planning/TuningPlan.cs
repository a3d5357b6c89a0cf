using AiTune.Audit;

namespace AiTune.Tuning.Planning;

/// <summary>Everything apply would do, decided from the facts alone: so it works unprivileged and on snapshots.</summary>
/// <param name="Warnings">Audit findings that stay true after the plan (overcommit without headroom, swap …), shown before writing.</param>
public sealed record TuningPlan(
    string Profile,
    string? Model,
    long? ModelBytes,
    IReadOnlyList<PlannedChange> Changes,
    IReadOnlyList<string> ProfileConflicts,
    IReadOnlyList<Finding> Warnings)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-10)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "an instance property, so the JSON document carries it")]
    public int SchemaVersion => 1;

    /// <summary>The resolved settings the plan was made from: what apply records in its journal, so that verify,
    /// status and rollback never need the profile files again.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Profiles.ResolvedSetting> Settings { get; init; } = [];

    public IEnumerable<PlannedChange> ToSet => Changes.Where(c => c.Action == PlanAction.Set);

    public IEnumerable<PlannedChange> Refused => Changes.Where(c => c.Action == PlanAction.Refused);

    public IEnumerable<PlannedChange> PendingReboot => Changes.Where(c => c.Action == PlanAction.PendingReboot);

    public int Count(PlanAction action) => Changes.Count(c => c.Action == action);
}
