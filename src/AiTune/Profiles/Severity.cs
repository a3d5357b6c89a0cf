namespace AiTune.Profiles;

/// <summary>How much a failed rule costs the workload. Ordered: a higher value is worse.</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
