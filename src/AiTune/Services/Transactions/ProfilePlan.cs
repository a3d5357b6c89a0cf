using AiTune.Audit;
using AiTune.Tuning.Planning;

namespace AiTune.Services.Transactions;

/// <summary>A plan with what a person must see before it is applied.</summary>
/// <param name="Warnings">The audit's memory-safety findings the plan does not fix (<see cref="GuardRailFindings"/>):
/// overcommit without headroom, swap, a model that does not fit.</param>
/// <param name="Host">"this host", or the tree or snapshot as the user named it.</param>
public sealed record ProfilePlan(TuningPlan Plan, IReadOnlyList<Finding> Warnings, string Host);
