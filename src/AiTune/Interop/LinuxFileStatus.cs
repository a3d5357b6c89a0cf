using System.Runtime.InteropServices;

namespace AiTune.Interop;

/// <summary>
/// lstat through statx(2). .NET has no public lstat that reports the file type (FIFO, socket, device), and
/// the classic <c>struct stat</c> differs between architectures; <c>struct statx</c> has one layout everywhere.
/// </summary>
internal static unsafe partial class LinuxFileStatus
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxBufferSize = 256;
    private const int ModeOffset = 0x1C;

    internal const int ENOENT = 2;
    internal const int EACCES = 13;
    internal const int ENOTDIR = 20;
    internal const int EPERM = 1;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxNative(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary>Returns the file-type bits (S_IFMT) of <paramref name="path"/> without following a final link,
    /// or a negative errno.</summary>
    internal static int LstatType(string path)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        if (StatxNative(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return -Marshal.GetLastPInvokeError();
        }

        ushort mode = *(ushort*)(buffer + ModeOffset);
        return mode & 0xF000;
    }

    private const uint StatxUid = 0x8;
    private const int UidOffset = 0x14;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint EffectiveUserId();

    /// <summary>The file-type bits and the owner of <paramref name="path"/> without following a final link; null
    /// when it cannot be read.</summary>
    internal static (int Type, uint Owner)? LstatTypeAndOwner(string path)
    {
        byte* buffer = stackalloc byte[StatxBufferSize];
        if (StatxNative(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxUid, buffer) != 0)
        {
            return null;
        }

        return (*(ushort*)(buffer + ModeOffset) & 0xF000, *(uint*)(buffer + UidOffset));
    }

    internal const int TypeRegular = 0x8000;
    internal const int TypeDirectory = 0x4000;
    internal const int TypeSymlink = 0xA000;
}
