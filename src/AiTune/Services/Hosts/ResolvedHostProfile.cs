using AiTune.Inspection;
using AiTune.Profiles;

namespace AiTune.Services.Hosts;

/// <summary>A profile resolved for a host, with the facts and the model it was resolved against.</summary>
public sealed record ResolvedHostProfile(ResolvedProfile Profile, HostFacts Facts, ModelRequirement? Model);
