namespace AiTune.Snapshots;

/// <summary>aitune-snapshot.json at the root of a snapshot: what captured it, when, on which kernel, and
/// what could not be read there (so auditing the snapshot gives the same unknowns as the live host).</summary>
public sealed record SnapshotMetadata(
    int SchemaVersion,
    string ToolVersion,
    DateTimeOffset CapturedAt,
    SnapshotUname? Uname,
    IReadOnlyList<SnapshotFailure> Unreadable,
    IReadOnlyList<string> Redacted)
{
    public const int CurrentSchemaVersion = 1;
    public const string FileName = "aitune-snapshot.json";
}

/// <summary>uname of the captured host, without the node name.</summary>
public sealed record SnapshotUname(string Sysname, string Release, string Version, string Machine);

/// <summary>A path that could not be read on the captured host, with the kind and reason.</summary>
public sealed record SnapshotFailure(string Path, Facts.UnknownKind Kind, string Reason);
