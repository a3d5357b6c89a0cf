namespace AiTune.Tuning.Verification;

/// <summary>One knob of the applied profile against the live host.</summary>
/// <param name="Applied">The value aitune wrote, when it wrote one.</param>
/// <param name="Detail">Who changed a drifted value (where that can be known), or why a knob is skipped.</param>
/// <param name="AtBoot">What the next boot does to the knob: kept by aitune's persistence file, overridden by a named file, or lost.</param>
public sealed record KnobCheck(string Id, string? Path, string Expected, string? Current, string? Applied, KnobStatus Status, string? Detail, string? AtBoot)
{
    /// <summary>The files read after aitune's at boot that set the knob to something the profile does not accept (or
    /// leave it unset), each once: what <see cref="AtBoot"/> names after "overridden at boot by", for programs.</summary>
    public IReadOnlyList<string> OverridingFiles { get; init; } = [];
}
