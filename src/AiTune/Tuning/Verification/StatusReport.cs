using AiTune.Tuning.Journal;
using AiTune.Tuning.Transactions;

namespace AiTune.Tuning.Verification;

/// <summary>What aitune has done to this host: the applied profile, when and by whom, drift, pending reboots,
/// and any recovery this status run performed. Members are set by name: most of them are strings, flags and lists
/// that a positional call would let anyone swap unnoticed.</summary>
public sealed record StatusReport
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-10)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "an instance property, so the JSON document carries it")]
    public int SchemaVersion => 1;

    /// <summary>The state directory the journal lives in.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Where the transaction stands: none, applied, or interrupted.</summary>
    public required TransactionPhase Phase { get; init; }

    /// <summary>The applied profile; null when none is.</summary>
    public required string? Profile { get; init; }

    public required DateTimeOffset? AppliedAt { get; init; }

    /// <summary>Who applied it ("alice via sudo").</summary>
    public required string? AppliedBy { get; init; }

    /// <summary>The kernel release it was applied on.</summary>
    public required string? Kernel { get; init; }

    /// <summary>The boot id differs from the apply's: runtime values not persisted are gone.</summary>
    public required bool Rebooted { get; init; }

    /// <summary>An apply with --keep-going kept only what worked.</summary>
    public required bool Partial { get; init; }

    /// <summary>Kernel parameters that take effect at the next boot.</summary>
    public required IReadOnlyList<string> PendingReboot { get; init; }

    /// <summary>The boot-time files the apply wrote.</summary>
    public required IReadOnlyList<string> PersistedFiles { get; init; }

    /// <summary>How many knobs hold what the profile set.</summary>
    public required int Passing { get; init; }

    /// <summary>The knobs that drifted or were never applied.</summary>
    public required IReadOnlyList<KnobCheck> Drifted { get; init; }

    /// <summary>What this status run finished of an interrupted apply or rollback; null when there was nothing.</summary>
    public required RecoveryReport? Recovery { get; init; }
}
