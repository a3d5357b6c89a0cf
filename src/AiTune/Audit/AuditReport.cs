using AiTune.Inspection;
using AiTune.Profiles;

namespace AiTune.Audit;

/// <summary>The audit of one host against one profile selection: the document `aitune audit --json` prints.</summary>
public sealed record AuditReport(
    int SchemaVersion,
    string ToolVersion,
    HostSummary Host,
    string Profile,
    IReadOnlyList<string> ProfileConflicts,
    ModelRequirement? Model,
    IReadOnlyList<Finding> Findings,
    AuditSummary Summary)
{
    public const int CurrentSchemaVersion = 1;
}
