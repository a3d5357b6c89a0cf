using AiTune.Tuning.Persistence;

namespace AiTune.Tuning.Transactions;

/// <summary>What one apply does to the persistence files: write these (only those whose content changes),
/// remove these (written by an earlier apply, not by this one), and tell the user these notes.</summary>
internal sealed record PersistenceWork(IReadOnlyList<RenderedFile> Writes, IReadOnlyList<string> Removals, IReadOnlyList<string> Notes)
{
    public bool IsEmpty => Writes.Count == 0 && Removals.Count == 0;
}
