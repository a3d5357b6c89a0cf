namespace AiTune.Lab.Configs;

/// <summary>One kernel to compare: a label (its release, where known) and its full build configuration, option
/// names with the CONFIG_ prefix as <see cref="Inspection.Kernel.KernelConfigParser"/> returns them.</summary>
/// <param name="Source">Where the config came from (a path, a package), for the report; null when not a file.</param>
public sealed record KernelConfigInput(string Label, IReadOnlyDictionary<string, string> Config, string? Source = null);
