namespace AiTune.Profiles;

/// <summary>A profile with its includes resolved: what an AI workload expects of a host.</summary>
/// <param name="Selectable">False for building blocks such as <c>base</c>, which other profiles include.</param>
/// <param name="Workload">inference, training, or null when the profile says nothing of the workload (hardened).</param>
/// <param name="Latency">Tail latency matters more than throughput.</param>
/// <param name="Hardened">Security hardening is asked for.</param>
/// <param name="Settings">Knob expectations, later includes overriding earlier ones, the profile's own last.</param>
/// <param name="Origin">"built-in", or the user profile's file (/etc/aitune/profiles.d/x.toml, a --profile-file path).</param>
/// <param name="ReplacesBuiltIn">A user profile that takes the place of the built-in profile of the same name.</param>
public sealed record Profile(
    string Name,
    string Description,
    bool Selectable,
    string? Workload,
    bool Latency,
    bool Hardened,
    IReadOnlyList<ProfileSetting> Settings,
    string Origin,
    bool ReplacesBuiltIn)
{
    public const string BuiltInOrigin = "built-in";
}
