namespace AiTune.Serialization;

/// <summary>One profile as `aitune profile list` lists it.</summary>
/// <param name="Source">"built-in", or the user profile's file.</param>
/// <param name="ReplacesBuiltIn">A user profile that takes the place of the built-in one of the same name.</param>
/// <param name="Settings">How many settings it has, includes resolved.</param>
public sealed record ProfileListEntry(string Name, string Description, string Source, bool Selectable, bool ReplacesBuiltIn, string? Workload, int Settings);
