namespace AiTune.Tuning.Persistence;

/// <summary>A file aitune persists, rendered in full: the writer stores <paramref name="Content"/> at
/// <paramref name="Path"/> atomically and the journal records both.</summary>
/// <param name="Path">Absolute host path ("/etc/sysctl.d/61-aitune.conf").</param>
/// <param name="Content">The whole file: ASCII, '\n' line ends, a final newline.</param>
public sealed record RenderedFile(string Path, string Content);
