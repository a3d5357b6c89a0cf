using AiTune.Profiles;

namespace AiTune.Services.Hosts;

/// <summary>A profile resolved for a host (conditions judged, values computed from the model, conflicts named):
/// what the profile wants of this host, before any plan.</summary>
public sealed class ProfileResolution(string toolVersion)
{
    public ResolvedHostProfile Resolve(HostProfileRequest request)
    {
        var model = request.Model.Requirement();
        var host = new HostOpening(toolVersion).FactsAndProfiles(request.Root, request.ProfileFiles);
        var selection = host.Catalog.Select(request.Profile);
        return new ResolvedHostProfile(ProfileResolver.Resolve(selection, host.Facts, model), host.Facts, model);
    }
}
