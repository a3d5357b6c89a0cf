namespace AiTune.Services.Hosts;

/// <summary>A host judged against a profile: what audit and profile show are asked.</summary>
/// <param name="Root">--root: null or "/" for this host, a host tree directory, or a snapshot archive.</param>
/// <param name="ProfileFiles">User profile files, besides the built-in profiles and the host's profiles.d.</param>
/// <param name="Profile">A profile, or a combination with '+'.</param>
/// <param name="Model">The model the memory rules and the huge page sizing judge against.</param>
public sealed record HostProfileRequest(string? Root, IReadOnlyList<string> ProfileFiles, string Profile, ModelSpecification Model);
