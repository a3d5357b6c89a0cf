namespace AiTune.Inspection.Kernel;

/// <summary>One kernel parameter from the command line.</summary>
/// <param name="Name">As written; the kernel treats '-' and '_' in names as the same character.</param>
/// <param name="Value">Null for a bare flag ("quiet"); surrounding double quotes removed, as the kernel removes them.</param>
public sealed record KernelParameter(string Name, string? Value);
