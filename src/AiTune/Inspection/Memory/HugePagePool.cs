using AiTune.Facts;

namespace AiTune.Inspection.Memory;

/// <summary>One huge page size's pool as the kernel holds it (/sys/kernel/mm/hugepages/hugepages-SkB).</summary>
/// <param name="Total">nr_hugepages: pages the kernel holds (what it granted, not what was asked).</param>
/// <param name="Free">free_hugepages.</param>
/// <param name="Reserved">resv_hugepages: promised to mappings but not yet faulted.</param>
/// <param name="Surplus">surplus_hugepages: allocated beyond Total under overcommit.</param>
/// <param name="Overcommit">nr_overcommit_hugepages: how many surplus pages may be allocated.</param>
public sealed record HugePagePool(long PageSizeBytes, Fact<long> Total, Fact<long> Free, Fact<long> Reserved, Fact<long> Surplus, Fact<long> Overcommit);
