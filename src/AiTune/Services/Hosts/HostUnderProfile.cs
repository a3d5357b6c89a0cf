using AiTune.Inspection;
using AiTune.Profiles;

namespace AiTune.Services.Hosts;

/// <summary>A host opened to be judged against a profile: its facts, its profiles, the selection asked for and the
/// model, the common start of audit and profile show.</summary>
public sealed record HostUnderProfile(HostFacts Facts, ProfileCatalog Catalog, ProfileSelection Selection, ModelRequirement? Model);
