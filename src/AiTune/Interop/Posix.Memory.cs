using System.Runtime.InteropServices;

namespace AiTune.Interop;

/// <summary>
/// The system calls of the benchmarks: memory mappings (the page size behind a buffer is what a load or a fault
/// benchmark measures), page-cache control (a cold load needs the file's pages gone, and proof that they are), and
/// positioned and direct reads. .NET exposes none of madvise, mincore, posix_fadvise or O_DIRECT.
/// </summary>
internal static unsafe partial class Posix
{
    internal const int ProtRead = 0x1;
    internal const int ProtWrite = 0x2;
    internal const int MapShared = 0x01;
    internal const int MapPrivate = 0x02;
    internal const int MapAnonymous = 0x20;
    internal const int MapPopulate = 0x8000;
    internal const int MapHugeTlb = 0x40000;

    internal const int MadvSequential = 2;
    internal const int MadvWillNeed = 3;
    internal const int MadvHugePage = 14;
    internal const int MadvNoHugePage = 15;

    internal const int FadvSequential = 2;
    internal const int FadvDontNeed = 4;

    /// <summary>O_DIRECT: 040000 in asm-generic/fcntl.h (x86_64), 0200000 on arm64, arm and powerpc.</summary>
    internal static readonly int ODirect = UsesArmFlagValues ? 0x10000 : 0x4000;

    /// <summary>MAP_FAILED, (void *)-1.</summary>
    internal static readonly nint MapFailed = -1;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    internal static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    internal static partial int Madvise(nint address, nuint length, int advice);

    /// <summary>One byte per page of [address, address + length); bit 0 set when the page is resident.</summary>
    [LibraryImport("libc", EntryPoint = "mincore", SetLastError = true)]
    internal static partial int Mincore(nint address, nuint length, byte* vector);

    /// <summary>posix_fadvise(2) returns the error number itself and leaves errno alone.</summary>
    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    internal static partial int PosixFadvise(int fd, long offset, long length, int advice);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static partial int Fdatasync(int fd);

    [LibraryImport("libc", EntryPoint = "sync")]
    internal static partial void Sync();

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static partial nint Pread(int fd, byte* buffer, nuint count, long offset);

    /// <summary>statfs(2) into a buffer of at least 120 bytes (struct statfs on 64-bit Linux).</summary>
    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Statfs(string path, long* buffer);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long Sysconf(int name);

    /// <summary>The base page size (sysconf(_SC_PAGESIZE); 4 KiB on x86_64, 4, 16 or 64 KiB on arm64).</summary>
    internal static long PageSize => pageSize ??= Sysconf(30);

    private static long? pageSize;

    /// <summary>USER_HZ, the unit of /proc/stat's counters (sysconf(_SC_CLK_TCK); 100 on x86_64 and arm64).</summary>
    internal static long ClockTicksPerSecond => clockTicks ??= Sysconf(2);

    private static long? clockTicks;
}
