namespace AiTune.Lab.Configs;

/// <summary>A kernel in a diff: its label, the short column heading reports use for it, and where its config came from.</summary>
public sealed record DiffedKernel(string Label, string Column, string? Source);
