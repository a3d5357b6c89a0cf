using AiTune.Benchmarks.Store;

namespace AiTune.Serialization;

/// <summary>`aitune bench history --json`: the runs stored in one database, newest first.</summary>
public sealed record RunHistory(int SchemaVersion, string Database, IReadOnlyList<RunSummary> Runs)
{
    public const int CurrentSchemaVersion = 1;
}
