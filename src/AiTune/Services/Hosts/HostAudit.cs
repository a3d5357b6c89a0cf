using AiTune.Audit;

namespace AiTune.Services.Hosts;

/// <summary>The audit of a host against a profile: the host opened with its profiles, every rule judged, the
/// profiles scored.</summary>
public sealed class HostAudit(string toolVersion)
{
    public AuditReport Run(HostProfileRequest request)
    {
        var model = request.Model.Requirement();
        var host = new HostOpening(toolVersion).FactsAndProfiles(request.Root, request.ProfileFiles);
        var selection = host.Catalog.Select(request.Profile);
        return AuditEngine.Run(host.Facts, selection, model, host.Catalog, toolVersion);
    }
}
