namespace AiTune.Inspection.Memory;

/// <summary>A resource limit from /proc/PID/limits; null means unlimited.</summary>
public sealed record ResourceLimit(long? Soft, long? Hard);
