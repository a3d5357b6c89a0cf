namespace AiTune.Tuning.Transactions;

/// <summary>What happened to one knob or file.</summary>
/// <param name="Id">"sysctl:vm.swappiness", "block.nvme:scheduler@nvme0n1", or the persistence file's path.</param>
/// <param name="Before">The value before (the original, for a restore: the value found).</param>
/// <param name="After">The value read back afterwards.</param>
public sealed record ChangeResult(string Id, string? Path, string? Before, string? Asked, string? After, ChangeOutcome Outcome, string? Note);
