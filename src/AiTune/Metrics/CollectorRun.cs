namespace AiTune.Metrics;

/// <summary>How one collector ran: the aitune_collector_success and aitune_collector_duration_seconds series.</summary>
/// <param name="Notes">Why series are missing (unknown facts, the exception of a collector that threw).</param>
public sealed record CollectorRun(string Name, bool Success, TimeSpan Duration, IReadOnlyList<string> Notes);
