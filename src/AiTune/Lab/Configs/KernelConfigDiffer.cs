namespace AiTune.Lab.Configs;

/// <summary>Compares kernels' build configurations concept by concept (<see cref="ConfigConceptCatalogue"/>).</summary>
public static class KernelConfigDiffer
{
    public static KernelConfigDiff Compare(IReadOnlyList<KernelConfigInput> kernels) => Compare(kernels, ConfigConceptCatalogue.All);

    public static KernelConfigDiff Compare(IReadOnlyList<KernelConfigInput> kernels, IReadOnlyList<ConfigConcept> concepts)
    {
        if (kernels.Count < 2)
        {
            throw new AiTuneException($"kernel diff needs at least two kernels, got {kernels.Count}",
                "name two or more: aitune kernel diff BASELINE OTHER [MORE …] (config files, config.gz, or trees with boot/config-*)");
        }

        var columns = ColumnLabels.For(kernels.Select(k => k.Label).ToList());
        var diffed = kernels.Select((k, i) => new DiffedKernel(k.Label, columns[i], k.Source)).ToList();
        var comparisons = new List<ConceptComparison>(concepts.Count);
        foreach (var concept in concepts.OrderBy(c => c.Area))
        {
            var readings = kernels.Select(k => concept.Reader.Read(k.Config)).ToList();
            if (concept.Reader is ListReader list)
            {
                readings = readings.Select((r, i) => i == 0 ? r : list.Against(readings[0], r)).ToList();
            }

            bool differs = readings.Skip(1).Any(r => r.Value != readings[0].Value);
            comparisons.Add(new ConceptComparison(concept, readings, differs));
        }

        return new KernelConfigDiff(diffed, comparisons);
    }
}
