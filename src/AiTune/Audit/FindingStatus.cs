namespace AiTune.Audit;

public enum FindingStatus
{
    Pass,
    Warn,
    Fail,
    /// <summary>The rule does not apply to this host (no GPU, no cpufreq in a VM …); the reason says why.</summary>
    NotApplicable,
    /// <summary>The facts the rule needs could not be read; the reason says which and why.</summary>
    Unknown,
}
