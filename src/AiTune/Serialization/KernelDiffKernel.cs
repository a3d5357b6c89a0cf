namespace AiTune.Serialization;

/// <param name="Label">The kernel's release where the input names it, else the file name.</param>
/// <param name="Column">The short heading text and Markdown use for it ("6.1-rt").</param>
/// <param name="Source">The config file read, when it was a file.</param>
public sealed record KernelDiffKernel(string Label, string Column, string? Source);
