namespace AiTune.Inspection.Kernel;

/// <summary>One row of the shipped table of kernel.org longterm branches.</summary>
public sealed record LongtermBranch(string Branch, DateOnly Released, DateOnly ProjectedEndOfLife);
