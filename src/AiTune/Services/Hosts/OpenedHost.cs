using AiTune.Inspection;
using AiTune.Profiles;

namespace AiTune.Services.Hosts;

/// <summary>A host's facts and the profiles it can use (built-in, its profiles.d, the user's profile files).</summary>
public sealed record OpenedHost(HostFacts Facts, ProfileCatalog Catalog);
