namespace AiTune.Serialization;

/// <summary>A Kconfig option (without CONFIG_) and its former names, read as the same option.</summary>
public sealed record KernelDiffOption(string Name, IReadOnlyList<string> FormerNames);
