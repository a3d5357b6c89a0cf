using AiTune.Facts;

namespace AiTune.Inspection.Memory;

/// <summary>One node's share of one huge page pool (/sys/devices/system/node/nodeN/hugepages/hugepages-SkB).</summary>
public sealed record NodeHugePages(long PageSizeBytes, Fact<long> Total, Fact<long> Free, Fact<long> Surplus);
