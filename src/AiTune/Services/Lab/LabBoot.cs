namespace AiTune.Services.Lab;

/// <summary>One guest boot of a lab run: a stored run, or a failure with the console's last lines.</summary>
/// <param name="Kernel">The kernel's key (A, B …).</param>
/// <param name="Attempt">1, or 2 for the retry of a failed boot.</param>
/// <param name="RunId">The run in the result store; null for a failed boot.</param>
/// <param name="Failure">Why the boot does not count, in words; null when it does.</param>
/// <param name="ConsoleTail">The console's last lines, for a failed boot.</param>
/// <param name="HostLoadAverage">The host's 1-minute load average at the end of the boot.</param>
/// <param name="ForeignCpuSeconds">CPU time other processes took on the host during the boot.</param>
/// <param name="Busy">Why the host counted as busy during the boot (the rule of `bench compare`'s busy runs); null when
/// it did not. The round still counts: under the instructions measure the count does not depend on it, and under time
/// the compare names it.</param>
public sealed record LabBoot(
    string Kernel,
    int Round,
    int Attempt,
    long? RunId,
    string? Failure,
    IReadOnlyList<string> ConsoleTail,
    double WallSeconds,
    double? HostLoadAverage,
    double? ForeignCpuSeconds,
    int? AuditScore,
    string? Clocksource,
    string? Busy);
