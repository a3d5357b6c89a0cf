using AiTune.Profiles;

namespace AiTune.Services.Hosts;

/// <summary>A profile resolved for a host (conditions judged, values computed from the model, conflicts named):
/// what the profile wants of this host, before any plan.</summary>
public sealed class ProfileResolution(string toolVersion)
{
    public ResolvedHostProfile Resolve(HostProfileRequest request)
    {
        var host = new HostOpening(toolVersion).ForProfile(request);
        return new ResolvedHostProfile(ProfileResolver.Resolve(host.Selection, host.Facts, host.Model), host.Facts, host.Model);
    }
}
