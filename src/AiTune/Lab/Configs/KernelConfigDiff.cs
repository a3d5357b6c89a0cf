namespace AiTune.Lab.Configs;

/// <summary>The catalogue's concepts compared across kernels; the first kernel is the baseline.</summary>
/// <param name="Concepts">Every concept of the catalogue, in its order (grouped by area).</param>
public sealed record KernelConfigDiff(IReadOnlyList<DiffedKernel> Kernels, IReadOnlyList<ConceptComparison> Concepts)
{
    public IEnumerable<ConceptComparison> Differences => Concepts.Where(c => c.Differs);

    public IEnumerable<ConceptComparison> Identical => Concepts.Where(c => !c.Differs);
}
