namespace AiTune.Benchmarks.Buffers;

/// <summary>What backs a benchmark's anonymous memory: the page size a serving stack's tensors end up on.</summary>
public enum PageBacking
{
    /// <summary>Base pages (4 KiB on x86_64), with transparent huge pages turned off for the buffer (MADV_NOHUGEPAGE),
    /// so a host whose THP mode is <c>always</c> still measures base pages.</summary>
    Base,

    /// <summary>Transparent huge pages asked for with MADV_HUGEPAGE on a 2 MiB-aligned buffer (works when THP is
    /// <c>always</c> or <c>madvise</c>, not <c>never</c>).</summary>
    Thp,

    /// <summary>Reserved huge pages (MAP_HUGETLB, the default huge page size): fails when none are free.</summary>
    HugeTlb,
}
