namespace AiTune.Lab.Configs;

/// <summary>One concept across the kernels: a reading per kernel, in the kernels' order (the first is the baseline).</summary>
/// <param name="Differs">Some kernel's value differs from the baseline's.</param>
public sealed record ConceptComparison(ConfigConcept Concept, IReadOnlyList<ConceptReading> Readings, bool Differs);
