using AiTune.Serialization;

namespace AiTune.Cli.Rendering;

/// <summary>`aitune kernel list`'s result: the kernels, and where installed ones were looked for (for the line that
/// says none were found).</summary>
/// <param name="InstalledOf">The host whose installed kernels were listed; null when the user named the kernels.</param>
public sealed record KernelListing(KernelListDocument Document, string? InstalledOf);
