using AiTune.Facts;

namespace AiTune.Hosting;

/// <summary>What a <see cref="HostRoot"/> read, told to an observer so a snapshot can capture exactly that.</summary>
/// <param name="CanonicalPath">The path with every link resolved, inside the root.</param>
/// <param name="Content">File content for <see cref="HostAccessKind.File"/>.</param>
/// <param name="Entries">Entries for <see cref="HostAccessKind.Directory"/>.</param>
/// <param name="LinkTarget">The raw target for <see cref="HostAccessKind.Symlink"/>.</param>
/// <param name="Error">Why the access failed; set only for <see cref="HostAccessKind.Failure"/>.</param>
public sealed record HostAccess(
    HostAccessKind Kind,
    string CanonicalPath,
    byte[]? Content = null,
    IReadOnlyList<HostEntry>? Entries = null,
    string? LinkTarget = null,
    UnknownReason? Error = null);
