using AiTune.Inspection;

namespace AiTune.Serialization;

/// <summary>The document `aitune inspect --json` prints.</summary>
public sealed record InspectDocument(int SchemaVersion, string ToolVersion, HostFacts Facts)
{
    public const int CurrentSchemaVersion = 1;
}
