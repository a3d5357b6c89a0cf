namespace AiTune.Benchmarks;

/// <summary>A run of the compare taken on a busy host (<see cref="Load.RunLoad.BusyReason"/>).</summary>
public sealed record BusyRun(long Run, string Reason);
