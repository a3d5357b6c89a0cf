using AiTune.Audit;

namespace AiTune.Services.Hosts;

/// <summary>The audit of a host against a profile: the host opened with its profiles, every rule judged, the
/// profiles scored.</summary>
public sealed class HostAudit(string toolVersion)
{
    public AuditReport Run(HostProfileRequest request)
    {
        var host = new HostOpening(toolVersion).ForProfile(request);
        return AuditEngine.Run(host.Facts, host.Selection, host.Model, host.Catalog, toolVersion);
    }
}
