using AiTune.Lab.Configs;

namespace AiTune.Serialization;

/// <summary>What `aitune kernel diff --json` prints: the kernels (the first is the baseline), the concepts on which
/// some kernel differs from the baseline, and those on which all agree, each with every kernel's value.</summary>
public sealed record KernelDiffDocument(int SchemaVersion, IReadOnlyList<KernelDiffKernel> Kernels, IReadOnlyList<KernelDiffConcept> Differences,
    IReadOnlyList<KernelDiffConcept> Identical)
{
    public const int CurrentSchemaVersion = 1;

    public static KernelDiffDocument Of(KernelConfigDiff diff) => new(
        CurrentSchemaVersion,
        diff.Kernels.Select(k => new KernelDiffKernel(k.Label, k.Column, k.Source)).ToList(),
        diff.Differences.Select(c => Concept(diff, c)).ToList(),
        diff.Identical.Select(c => Concept(diff, c)).ToList());

    private static KernelDiffConcept Concept(KernelConfigDiff diff, ConceptComparison comparison) => new(
        comparison.Concept.Id,
        ConfigAreas.Id(comparison.Concept.Area),
        comparison.Concept.Title,
        comparison.Concept.Reader.Options.Select(o => new KernelDiffOption(o.Name, o.FormerNames)).ToList(),
        comparison.Readings.Select((r, i) => new KernelDiffValue(diff.Kernels[i].Label, r.Value, r.Shown, r.Meaning, r.Options)).ToList());
}
