using AiTune.Benchmarks.Store;

namespace AiTune.Serialization;

/// <summary>`aitune bench import --json`: the ids the imported runs were given, in the order of the file, and the ids
/// of the runs the database already held (the same <see cref="RunIdentity"/>: imported before), which were not stored
/// again.</summary>
public sealed record RunImportReport(int SchemaVersion, string Database, IReadOnlyList<long> Ids, IReadOnlyList<long> AlreadyStored)
{
    public const int CurrentSchemaVersion = 2;
}
