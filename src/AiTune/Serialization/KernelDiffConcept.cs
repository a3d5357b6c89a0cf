namespace AiTune.Serialization;

/// <summary>One concept of the catalogue across the kernels.</summary>
/// <param name="Options">The options it reads, each with the names it had before a rename.</param>
/// <param name="Values">One per kernel, in the kernels' order.</param>
public sealed record KernelDiffConcept(string Id, string Area, string Title, IReadOnlyList<KernelDiffOption> Options, IReadOnlyList<KernelDiffValue> Values);
