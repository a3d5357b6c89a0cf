namespace AiTune.Services.Monitoring;

/// <summary>One page size on one NUMA node: the pool, the pages free in it and the surplus beyond it. Null where the
/// host did not say.</summary>
public sealed record HugePageNodeRow(long PageSizeBytes, string Node, double? Pool, double? Free, double? Surplus);
