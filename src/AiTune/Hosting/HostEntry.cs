namespace AiTune.Hosting;

/// <summary>One entry of a directory listing, as the directory holds it (links are not followed).</summary>
public sealed record HostEntry(string Name, HostEntryKind Kind);
