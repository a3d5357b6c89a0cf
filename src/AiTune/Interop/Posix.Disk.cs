using System.Runtime.InteropServices;

namespace AiTune.Interop;

/// <summary>
/// The system calls of the disk benchmark beyond those of the memory benchmarks: the size of a block device (its
/// stat size is 0; lseek to the end gives the byte count, for regular files too), the file types a user-given path
/// may turn out to be, and the interruption a blocking read may report.
/// </summary>
internal static partial class Posix
{

    internal const int SeekEnd = 2;

    internal const int TypeFifo = 0x1000;
    internal const int TypeCharDevice = 0x2000;
    internal const int TypeBlockDevice = 0x6000;
    internal const int TypeSocket = 0xC000;

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    internal static partial long Lseek(int fd, long offset, int whence);
}
