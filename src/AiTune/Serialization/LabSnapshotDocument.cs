using AiTune.Services.Lab;

namespace AiTune.Serialization;

/// <summary>What `aitune lab snapshot --json` prints: the archive written for each kernel.</summary>
public sealed record LabSnapshotDocument(int SchemaVersion, IReadOnlyList<LabSnapshot> Snapshots)
{
    public const int CurrentSchemaVersion = 1;

    public static LabSnapshotDocument Of(IReadOnlyList<LabSnapshot> snapshots) => new(CurrentSchemaVersion, snapshots);
}
