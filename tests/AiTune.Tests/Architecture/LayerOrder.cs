namespace AiTune.Tests.Architecture;

/// <summary>The engine's layers, lowest first, as docs/ARCHITECTURE.md states them. A file may use its own layer
/// and any layer in a lower tier; layers in one tier (the features) do not use each other.</summary>
public static class LayerOrder
{
    /// <summary>"" is the root namespace (AiTuneException, LinuxOnly), which every layer may use.</summary>
    public static readonly IReadOnlyList<string[]> Tiers =
    [
        [""],
        ["Units"],
        ["Text"],
        ["Interop"],
        ["Facts"],
        ["Json"],
        ["Files"],
        ["Models"],
        ["Hosting"],
        ["Inspection"],
        ["Snapshots"],
        ["Knobs"],
        ["Profiles"],
        ["Audit", "Tuning", "Benchmarks", "Lab", "Metrics"],
        ["Services"],
        ["Serialization"],
        ["Cli"],
    ];

    /// <summary>Edges between features of one tier that are allowed, each with its reason. None today: where a use
    /// case needs two features, a service composes them.</summary>
    public static readonly IReadOnlyList<(string From, string To, string Why)> AllowedEdges = [];

    /// <summary>Dependencies that still run against the order, file by file. None today: the test fails on any
    /// violation not listed here, and on an entry here that no longer occurs, so this list only shrinks.</summary>
    public static readonly IReadOnlyList<(string File, string Uses, string Why)> KnownViolations = [];

    /// <summary>The tier of <paramref name="layer"/>; null for a name the order does not know.</summary>
    public static int? TierOf(string layer)
    {
        for (int i = 0; i < Tiers.Count; i++)
        {
            if (Tiers[i].Contains(layer, StringComparer.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}
