using AiTune.Inspection;
using AiTune.Profiles;

namespace AiTune.Audit;

/// <summary>What every rule sees: the facts, the profile selection, the model if any.</summary>
public sealed record AuditContext(HostFacts Facts, ProfileSelection Profile, ModelRequirement? Model)
{
    /// <summary>The moment dates are judged against: when the host was seen.</summary>
    public DateTimeOffset Now => Facts.Source.CapturedAt ?? DateTimeOffset.UtcNow;
}
