using AiTune.Facts;

namespace AiTune.Inspection.Storage;

/// <summary>Block devices (/sys/block), virtual ones (loop, ram, zram, dm) marked.</summary>
public sealed record StorageFacts(Fact<IReadOnlyList<BlockDevice>> Devices);
