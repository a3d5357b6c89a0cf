using AiTune.Profiles;

namespace AiTune.Audit;

/// <summary>One rule's verdict on one host.</summary>
/// <param name="Id">Stable rule id (MEM003).</param>
/// <param name="Current">What the host has, in words a sysadmin reads ("mq-deadline on nvme0n1").</param>
/// <param name="Expected">What the profile expects.</param>
/// <param name="Why">The mechanism, in one to three sentences.</param>
/// <param name="Note">Context for this host: a conflict between needs, why a rule does not apply, what is unknown.</param>
/// <param name="Fix">Null when nothing needs fixing.</param>
/// <param name="Profiles">The profiles whose expectation this finding judges (empty for rules every profile shares).</param>
public sealed record Finding(
    string Id,
    string Title,
    Category Category,
    Severity Severity,
    FindingStatus Status,
    string Current,
    string Expected,
    string Why,
    string? Note,
    Fix? Fix,
    IReadOnlyList<string> Profiles);
