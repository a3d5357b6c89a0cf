namespace AiTune.Serialization;

/// <summary>What `aitune kernel list --json` prints.</summary>
public sealed record KernelListDocument(int SchemaVersion, IReadOnlyList<KernelListEntry> Kernels)
{
    public const int CurrentSchemaVersion = 1;
}
