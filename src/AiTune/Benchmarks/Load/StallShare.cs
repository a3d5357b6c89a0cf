namespace AiTune.Benchmarks.Load;

/// <summary>The share of a run's wall time in which tasks stalled on one resource, from the growth of its
/// /proc/pressure "total=" counters (Documentation/accounting/psi.rst), in percent.</summary>
/// <param name="Some">At least one task stalled.</param>
/// <param name="Full">Every non-idle task stalled at once; null where the kernel has no "full" line (cpu before 5.13).</param>
public sealed record StallShare(double Some, double? Full);
