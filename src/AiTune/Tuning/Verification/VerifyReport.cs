namespace AiTune.Tuning.Verification;

/// <param name="Rebooted">The boot id differs from the apply's: runtime values not persisted are gone.</param>
public sealed record VerifyReport(string Profile, DateTimeOffset AppliedAt, string AppliedBy, bool Rebooted, IReadOnlyList<string> PersistedFiles, IReadOnlyList<KnobCheck> Checks)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-10)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "an instance property, so the JSON document carries it")]
    public int SchemaVersion => 1;

    public bool Drift => Checks.Any(c => c.Status is KnobStatus.Drifted or KnobStatus.NotApplied);

    public int Count(KnobStatus status) => Checks.Count(c => c.Status == status);
}
