using AiTune.Models;

namespace AiTune.Serialization;

/// <summary>What `aitune model info FILE --json` prints.</summary>
public sealed record ModelInfoDocument(int SchemaVersion, ModelFile Model)
{
    public const int CurrentSchemaVersion = 1;
}
