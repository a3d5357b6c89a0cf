namespace AiTune.Benchmarks.Store;

/// <summary>Where a saved run is: its id in this database, and whether saving stored it or found it already there
/// (the same <see cref="RunIdentity"/>, imported before).</summary>
public sealed record StoredRun(long Id, bool AlreadyStored);
