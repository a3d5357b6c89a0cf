namespace AiTune.Services.Benchmarking;

/// <summary>What an import stored.</summary>
/// <param name="Database">The result store the runs went into.</param>
/// <param name="Source">The export file as given ("-" for standard input).</param>
/// <param name="Ids">The new ids of the runs stored now.</param>
/// <param name="AlreadyStored">The ids of runs the store already held (imported before), not stored again.</param>
/// <param name="RunsInSource">How many runs the export held.</param>
public sealed record RunImport(string Database, string Source, IReadOnlyList<long> Ids, IReadOnlyList<long> AlreadyStored, int RunsInSource);
