using AiTune.Interop;
using AiTune.Units;

namespace AiTune.Benchmarks.Buffers;

/// <summary>
/// Anonymous memory from mmap(2), backed by the pages asked for. Allocating it faults nothing in: the first touch
/// of each page is part of what a load or fault benchmark measures, as it is for a serving stack.
/// </summary>
public sealed unsafe class AnonymousBuffer : IDisposable
{
    /// <summary>2 MiB, the PMD size THP uses on x86_64 and on arm64 with 4 KiB pages.</summary>
    public const long HugePageBytes = 2L << 20;

    private nint mapping;
    private readonly nuint mappingLength;

    private AnonymousBuffer(nint mapping, nuint mappingLength, nint start, long length, PageBacking backing)
    {
        this.mapping = mapping;
        this.mappingLength = mappingLength;
        Start = start;
        Length = length;
        Backing = backing;
    }

    /// <summary>The first byte; aligned to <see cref="HugePageBytes"/> for THP and hugetlb, to the base page otherwise.</summary>
    public nint Start { get; }

    public long Length { get; }

    public PageBacking Backing { get; }

    public byte* Pointer => (byte*)Start;

    /// <summary>
    /// Maps <paramref name="length"/> bytes. Throws <see cref="AiTuneException"/> when the kernel refuses, with
    /// the reason a user can act on (no free huge pages, not enough memory).
    /// </summary>
    public static AnonymousBuffer Allocate(long length, PageBacking backing)
    {
        if (length <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "a buffer needs at least one byte");
        }

        return backing switch
        {
            PageBacking.HugeTlb => MapHugeTlb(length),
            PageBacking.Thp => MapAligned(length, Posix.MadvHugePage, backing),
            _ => MapAligned(length, Posix.MadvNoHugePage, backing),
        };
    }

    /// <summary>Touches one byte per base page, write-faulting the whole buffer in.</summary>
    public void Touch()
    {
        long step = Posix.PageSize;
        byte* p = Pointer;
        for (long offset = 0; offset < Length; offset += step)
        {
            p[offset] = 1;
        }
    }

    public Span<byte> Span(long offset, int length) => new(Pointer + offset, length);

    public void Dispose()
    {
        if (mapping != 0)
        {
            Posix.Munmap(mapping, mappingLength);
            mapping = 0;
        }
    }

    private static AnonymousBuffer MapHugeTlb(long length)
    {
        nuint rounded = (nuint)RoundUp(length, HugePageBytes);
        nint address = Posix.Mmap(0, rounded, Posix.ProtRead | Posix.ProtWrite, Posix.MapPrivate | Posix.MapAnonymous | Posix.MapHugeTlb, -1, 0);
        if (address == Posix.MapFailed)
        {
            int errno = Posix.LastError;
            throw errno == Posix.ENOMEM
                ? new AiTuneException(
                    $"hugetlb: the kernel has no {ByteSize.Format((long)rounded)} of free huge pages for a {ByteSize.Format(length)} buffer (MAP_HUGETLB: {Posix.Describe(errno)})",
                    $"reserve them first: 'aitune plan --profile inference-throughput --model-size {ByteSize.Format((long)rounded).Replace(" ", "", StringComparison.Ordinal)}' shows the vm.nr_hugepages line and 'aitune apply' sets it; or use --pages thp")
                : new AiTuneException($"hugetlb: mmap(MAP_HUGETLB) of {ByteSize.Format(length)} failed: {Posix.Describe(errno)}",
                    "this kernel may lack CONFIG_HUGETLBFS; use --pages thp or --pages 4k");
        }

        return new AnonymousBuffer(address, rounded, address, length, PageBacking.HugeTlb);
    }

    /// <summary>Maps a little more than asked and starts at a 2 MiB boundary, so THP can back the buffer from its
    /// first byte; the advice is MADV_HUGEPAGE for THP and MADV_NOHUGEPAGE for base pages.</summary>
    private static AnonymousBuffer MapAligned(long length, int advice, PageBacking backing)
    {
        nuint mappingLength = (nuint)(RoundUp(length, Posix.PageSize) + HugePageBytes);
        nint address = Posix.Mmap(0, mappingLength, Posix.ProtRead | Posix.ProtWrite, Posix.MapPrivate | Posix.MapAnonymous, -1, 0);
        if (address == Posix.MapFailed)
        {
            int errno = Posix.LastError;
            throw new AiTuneException($"cannot map {ByteSize.Format(length)} of memory: {Posix.Describe(errno)}",
                "free memory, or measure a smaller size (check vm.overcommit_memory and ulimit -v)");
        }

        nint start = (nint)RoundUp(address, HugePageBytes);
        if (Posix.Madvise(start, (nuint)RoundUp(length, Posix.PageSize), advice) != 0 && backing == PageBacking.Thp)
        {
            int errno = Posix.LastError;
            Posix.Munmap(address, mappingLength);
            throw new AiTuneException($"thp: madvise(MADV_HUGEPAGE) failed: {Posix.Describe(errno)}",
                "this kernel lacks CONFIG_TRANSPARENT_HUGEPAGE; use --pages 4k");
        }

        return new AnonymousBuffer(address, mappingLength, start, length, backing);
    }

    private static long RoundUp(long value, long multiple) => (value + multiple - 1) / multiple * multiple;
}
