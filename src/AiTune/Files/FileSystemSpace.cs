using AiTune.Interop;

namespace AiTune.Files;

/// <summary>statfs(2) of a path: its filesystem's type magic, size and the space an unprivileged writer has left.
/// DriveInfo needs the mount point itself; statfs takes any path on the filesystem.</summary>
public sealed unsafe record FileSystemSpace(long FileSystemType, long TotalBytes, long AvailableBytes)
{
    private const long TmpfsMagic = 0x01021994;
    private const long RamfsMagic = 0x858458f6;

    /// <summary>True on tmpfs or ramfs: files there live in memory, so a "cold" read and O_DIRECT mean nothing.</summary>
    public bool InMemory => FileSystemType is TmpfsMagic or RamfsMagic;

    /// <summary>struct statfs on 64-bit Linux: f_type, f_bsize, f_blocks, f_bfree, f_bavail, … all 8 bytes wide
    /// (x86_64 and the generic layout arm64 uses; f_type is a long on both).</summary>
    public static FileSystemSpace? Of(string path)
    {
        long* buffer = stackalloc long[16];
        if (Posix.Statfs(path, buffer) != 0)
        {
            return null;
        }

        long blockSize = buffer[1];
        return new FileSystemSpace(buffer[0], buffer[2] * blockSize, buffer[4] * blockSize);
    }
}
