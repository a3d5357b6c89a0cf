using System.Runtime.InteropServices;
using System.Text;

namespace AiTune.Interop;

/// <summary>
/// The system calls of aitune's write path. .NET's file API cannot express what writing kernel settings as root
/// needs: resolving a path inside a root without following links out of it (openat2 RESOLVE_IN_ROOT), opening
/// without following a final link (O_NOFOLLOW), pinning a file without opening it (O_PATH, so a FIFO planted at a
/// knob path cannot block us), renaming and unlinking relative to a directory descriptor, and fsync of a directory.
/// Every function returns -1 (or a negative errno, where said) and leaves errno for <see cref="LastError"/>.
/// </summary>
internal static unsafe partial class Posix
{
    internal const int AtFdCwd = -100;
    internal const int AtSymlinkNoFollow = 0x100;
    internal const int AtEmptyPath = 0x1000;
    internal const int AtRemoveDir = 0x200;

    internal const int ORdOnly = 0;
    internal const int OWrOnly = 1;
    internal const int OCreat = 0x40;
    internal const int OExcl = 0x80;
    internal const int ONoCtty = 0x100;
    internal const int OTrunc = 0x200;
    internal const int ONonBlock = 0x800;
    internal const int OCloExec = 0x80000;
    internal const int OPath = 0x200000;

    /// <summary>O_DIRECTORY: 0200000 in asm-generic/fcntl.h (x86_64, riscv64, s390x, loongarch64), 040000 where
    /// the architecture overrides it (arch/arm64 and arch/arm uapi/asm/fcntl.h, arch/powerpc).</summary>
    internal static readonly int ODirectory = UsesArmFlagValues ? 0x4000 : 0x10000;

    /// <summary>O_NOFOLLOW: 0400000 generic, 0100000 on arm64, arm and powerpc (there 0400000 is O_LARGEFILE or
    /// O_DIRECT: the wrong constant would silently follow links).</summary>
    internal static readonly int ONoFollow = UsesArmFlagValues ? 0x8000 : 0x20000;

    /// <summary>openat2(2) has the same number on every architecture that postdates the unified syscall table (5.6).</summary>
    private const long SysOpenat2 = 437;

    /// <summary>RESOLVE_NO_MAGICLINKS: refuse /proc/PID/fd/N-style links, which jump anywhere regardless of the root.</summary>
    internal const ulong ResolveNoMagicLinks = 0x02;

    /// <summary>RESOLVE_BENEATH: fail (EXDEV) rather than let "..", an absolute path or a link's target leave the
    /// directory descriptor's tree.</summary>
    internal const ulong ResolveBeneath = 0x08;

    /// <summary>RESOLVE_IN_ROOT: resolve as if the directory descriptor were the root: "/" and ".." stop there,
    /// absolute link targets are taken relative to it.</summary>
    internal const ulong ResolveInRoot = 0x10;

    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int ENXIO = 6;
    internal const int EAGAIN = 11;
    internal const int ENOMEM = 12;
    internal const int EACCES = 13;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int EXDEV = 18;
    internal const int ENODEV = 19;
    internal const int ENOTDIR = 20;
    internal const int EISDIR = 21;
    internal const int EINVAL = 22;
    internal const int ENOSPC = 28;
    internal const int EROFS = 30;
    internal const int ERANGE = 34;
    internal const int ENAMETOOLONG = 36;
    internal const int ENOTEMPTY = 39;
    internal const int ENOSYS = 38;
    internal const int ELOOP = 40;
    internal const int EOPNOTSUPP = 95;

    internal const int SigKill = 9;

    internal const int TypeMask = 0xF000;
    internal const int TypeRegular = 0x8000;
    internal const int TypeDirectory = 0x4000;
    internal const int TypeSymlink = 0xA000;

    private const uint StatxType = 0x1;
    private const int StatxBufferSize = 256;
    private const int StatxModeOffset = 0x1C;

    private static bool UsesArmFlagValues => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm or Architecture.Armv6 or Architecture.Ppc64le;

    /// <summary>struct open_how of linux/openat2.h: three u64 on every architecture.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    internal static int LastError => Marshal.GetLastPInvokeError();

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenAt(int dirfd, string path, int flags, uint mode);

    /// <summary>open(2) relative to the working directory; <paramref name="mode"/> matters only with O_CREAT.</summary>
    internal static int Open(string path, int flags, uint mode = 0) => OpenAt(AtFdCwd, path, flags, mode);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long dirfd, byte* path, OpenHow* how, nuint size);

    /// <summary>openat2(2) through syscall(2): glibc gained a wrapper only in 2.41 and musl has none. The path is
    /// encoded on the stack: the inspection opens hundreds of files per run.</summary>
    internal static int OpenAt2(int dirfd, ReadOnlySpan<char> path, int flags, ulong resolve)
    {
        int most = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        Span<byte> bytes = most <= 1024 ? stackalloc byte[1024] : new byte[most];
        bytes[Encoding.UTF8.GetBytes(path, bytes)] = 0;
        var how = new OpenHow { Flags = (ulong)(uint)flags, Mode = 0, Resolve = resolve };
        fixed (byte* p = bytes)
        {
            return (int)Syscall(SysOpenat2, dirfd, p, &how, (nuint)sizeof(OpenHow));
        }
    }

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nuint count);

    internal const int LockExclusive = 2;
    internal const int LockNonBlocking = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int RenameAt(int oldDirfd, string oldPath, int newDirfd, string newPath);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int UnlinkAt(int dirfd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MkdirAt(int dirfd, string path, uint mode);

    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint ReadLinkAtNative(int dirfd, string path, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int Fchmod(int fd, uint mode);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    internal static partial int Fchown(int fd, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpid")]
    internal static partial int GetPid();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxNative(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary>The link text of <paramref name="path"/> (relative to <paramref name="dirfd"/>), or null with errno set.
    /// Also how an open descriptor's real path is learned: readlink of /proc/self/fd/N.</summary>
    internal static string? ReadLinkAt(int dirfd, string path)
    {
        const int Size = 4096;
        byte* buffer = stackalloc byte[Size];
        nint length = ReadLinkAtNative(dirfd, path, buffer, Size);
        if (length < 0 || length >= Size)
        {
            if (length >= Size)
            {
                Marshal.SetLastPInvokeError(ENAMETOOLONG);
            }

            return null;
        }

        return Encoding.UTF8.GetString(buffer, (int)length);
    }

    /// <summary>The file-type bits (S_IFMT) of an open descriptor (O_PATH ones included), or a negative errno.</summary>
    internal static int FileType(int fd) => FileTypeAt(fd, "", AtEmptyPath);

    /// <summary>The file-type bits of <paramref name="name"/> in <paramref name="dirfd"/> without following a final
    /// link, or a negative errno.</summary>
    internal static int FileTypeAt(int dirfd, string name) => FileTypeAt(dirfd, name, AtSymlinkNoFollow);

    private static int FileTypeAt(int dirfd, string name, int flags)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        if (StatxNative(dirfd, name, flags, StatxType, buffer) != 0)
        {
            return -LastError;
        }

        return *(ushort*)(buffer + StatxModeOffset) & TypeMask;
    }

    /// <summary>The owner's uid of <paramref name="path"/> (a final link not followed), or null when it cannot be
    /// read. stx_uid sits at offset 20 of struct statx on every architecture.</summary>
    internal static uint? OwnerUid(string path)
    {
        const uint StatxUid = 0x8;
        const int StatxUidOffset = 20;
        byte* buffer = stackalloc byte[StatxBufferSize];
        if (StatxNative(AtFdCwd, path, AtSymlinkNoFollow, StatxUid, buffer) != 0)
        {
            return null;
        }

        return *(uint*)(buffer + StatxUidOffset);
    }

    /// <summary>The symbolic name of an errno, for messages and for callers that branch on it ("EINVAL").</summary>
    internal static string ErrnoName(int errno) => errno switch
    {
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        EIO => "EIO",
        ENXIO => "ENXIO",
        EAGAIN => "EAGAIN",
        ENOMEM => "ENOMEM",
        EACCES => "EACCES",
        EBUSY => "EBUSY",
        EEXIST => "EEXIST",
        EXDEV => "EXDEV",
        ENODEV => "ENODEV",
        ENOTDIR => "ENOTDIR",
        EISDIR => "EISDIR",
        EINVAL => "EINVAL",
        ENOSPC => "ENOSPC",
        EROFS => "EROFS",
        ERANGE => "ERANGE",
        ENAMETOOLONG => "ENAMETOOLONG",
        ENOSYS => "ENOSYS",
        ELOOP => "ELOOP",
        EOPNOTSUPP => "EOPNOTSUPP",
        _ => $"errno {errno}",
    };

    /// <summary>"EINVAL (Invalid argument)".</summary>
    internal static string Describe(int errno) => $"{ErrnoName(errno)} ({Marshal.GetPInvokeErrorMessage(errno)})";
}
