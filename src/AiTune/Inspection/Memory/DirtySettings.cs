namespace AiTune.Inspection.Memory;

/// <summary>Writeback thresholds. The kernel uses the bytes form when it is non-zero, else the ratio.</summary>
public sealed record DirtySettings(long Ratio, long BackgroundRatio, long Bytes, long BackgroundBytes, long ExpireCentisecs, long WritebackCentisecs);
