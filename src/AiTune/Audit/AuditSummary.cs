namespace AiTune.Audit;

/// <summary>Counts per status, scores per profile and a one-line verdict.</summary>
public sealed record AuditSummary(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<ProfileScore> Scores, string Verdict);
