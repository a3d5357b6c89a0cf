using AiTune.Facts;

namespace AiTune.Inspection.Memory;

/// <param name="Id">Node number.</param>
/// <param name="CpuList">CPUs of the node, kernel list syntax ("0-15,32-47").</param>
/// <param name="TotalBytes">MemTotal of the node (/sys/devices/system/node/nodeN/meminfo).</param>
/// <param name="HugePages">Per huge page size: the node's share of each pool.</param>
public sealed record NumaNode(int Id, Fact<string> CpuList, Fact<long> TotalBytes, IReadOnlyList<NodeHugePages> HugePages);
