using AiTune.Interop;

namespace AiTune.Tuning.Writing;

/// <summary>
/// An O_PATH descriptor of a file resolved inside a root, with the host path the kernel says it has. O_PATH opens
/// nothing (a FIFO does not block, a device's open handler does not run), yet pins the inode: every check is made on
/// this descriptor, and <see cref="Reopen"/> opens exactly the file that was checked, whatever happens to the path
/// meanwhile.
/// </summary>
internal sealed class PinnedFile : IDisposable
{
    public PinnedFile(int descriptor, string canonicalPath, int type)
    {
        Descriptor = descriptor;
        CanonicalPath = canonicalPath;
        Type = type;
    }

    public int Descriptor { get; }

    /// <summary>The host path after every link was resolved ("/sys/devices/…/nvme0n1/queue/scheduler").</summary>
    public string CanonicalPath { get; }

    /// <summary>S_IFMT bits: a final symbolic link is pinned as the link itself (O_NOFOLLOW), never followed.</summary>
    public int Type { get; }

    /// <summary>Opens the pinned file for I/O through its /proc/self/fd entry (the documented way to upgrade an O_PATH
    /// descriptor); a descriptor, or -1 with errno set. Permission and read-only mounts are checked here as for any open.</summary>
    public int Reopen(int flags) => Posix.Open($"/proc/self/fd/{Descriptor}", flags | Posix.OCloExec | Posix.ONoCtty);

    public void Dispose() => Posix.Close(Descriptor);
}
