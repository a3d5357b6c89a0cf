namespace AiTune.Benchmarks.Store;

/// <summary>`aitune bench import --json`: the ids the imported runs were given, in the order of the file.</summary>
public sealed record RunImportReport(int SchemaVersion, string Database, IReadOnlyList<long> Ids)
{
    public const int CurrentSchemaVersion = 1;
}
