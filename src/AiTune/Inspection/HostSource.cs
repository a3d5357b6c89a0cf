namespace AiTune.Inspection;

/// <summary>Where the facts came from.</summary>
/// <param name="Description">"the live host", "host tree /x", "snapshot x.tar.gz".</param>
/// <param name="Live">True for the running system.</param>
/// <param name="CapturedAt">When the facts were read (live) or captured (snapshot metadata); dates such as a
/// kernel branch's end of life are judged against this moment, not against today.</param>
/// <param name="ToolVersion">The aitune version that captured a snapshot, when known.</param>
/// <param name="Machine">uname machine (x86_64) from the snapshot metadata or the live process, when known.</param>
public sealed record HostSource(string Description, bool Live, DateTimeOffset? CapturedAt, string? ToolVersion, string? Machine);
