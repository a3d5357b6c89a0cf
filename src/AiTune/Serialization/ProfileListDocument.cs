using AiTune.Profiles;

namespace AiTune.Serialization;

/// <summary>The document `aitune profile list --json` prints (docs/schemas/profile.schema.json).</summary>
public sealed record ProfileListDocument(int SchemaVersion, string ToolVersion, IReadOnlyList<ProfileListEntry> Profiles)
{
    public const int CurrentSchemaVersion = 1;

    public static ProfileListDocument From(ProfileCatalog catalog, string toolVersion) =>
        new(CurrentSchemaVersion, toolVersion, catalog.All.Select(p => new ProfileListEntry(
            p.Name, p.Description, p.Origin, p.Selectable, p.ReplacesBuiltIn, p.Workload, p.Settings.Count)).ToList());
}
