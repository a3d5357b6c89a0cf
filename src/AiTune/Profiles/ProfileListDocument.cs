namespace AiTune.Profiles;

/// <summary>The document `aitune profile list --json` prints (docs/schemas/profile.schema.json).</summary>
public sealed record ProfileListDocument(int SchemaVersion, string ToolVersion, IReadOnlyList<ProfileListEntry> Profiles)
{
    public const int CurrentSchemaVersion = 1;

    public static ProfileListDocument From(ProfileCatalog catalog, string toolVersion) =>
        new(CurrentSchemaVersion, toolVersion, catalog.All.Select(p => new ProfileListEntry(
            p.Name, p.Description, p.Origin, p.Selectable, p.ReplacesBuiltIn, p.Workload, p.Settings.Count)).ToList());
}

/// <param name="Source">"built-in", or the user profile's file.</param>
/// <param name="ReplacesBuiltIn">A user profile that takes the place of the built-in one of the same name.</param>
/// <param name="Settings">How many settings it has, includes resolved.</param>
public sealed record ProfileListEntry(string Name, string Description, string Source, bool Selectable, bool ReplacesBuiltIn, string? Workload, int Settings);
