namespace AiTune.Services.Transactions;

/// <summary>Where a tuning command works.</summary>
/// <param name="Root">--root: null for the live host, or a host tree directory (plan also takes a snapshot archive).</param>
/// <param name="StateDirectory">--state-dir: where the journal lives; null for the host's own (/var/lib/aitune, inside
/// the tree when <paramref name="Root"/> names one).</param>
/// <param name="ProfileFiles">User profile files, besides the built-in profiles and the host's profiles.d.</param>
public sealed record TuningTarget(string? Root, string? StateDirectory, IReadOnlyList<string> ProfileFiles);
