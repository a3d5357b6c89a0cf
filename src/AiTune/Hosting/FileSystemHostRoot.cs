using AiTune.Facts;
using AiTune.Files;
using AiTune.Interop;

namespace AiTune.Hosting;

/// <summary>A host tree on a mounted file system: the live host at "/", or a directory holding
/// <c>proc/</c>, <c>sys/</c>, <c>etc/</c> … captured from another machine.</summary>
public sealed class FileSystemHostRoot : HostRoot
{
    /// <summary>Holds every kernel text file aitune reads but a kernel config; a larger file grows a copy.</summary>
    private const int ScratchBytes = 64 * 1024;

    [ThreadStatic]
    private static byte[]? scratch;

    private readonly string directory;

    /// <param name="directory">An absolute directory; "/" is the live host.</param>
    public FileSystemHostRoot(string directory)
    {
        this.directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (this.directory.Length == 0)
        {
            this.directory = "/";
        }
    }

    public override string Description => IsLive ? "the live host" : $"host tree {directory}";

    public override bool IsLive => directory == "/";

    private string Physical(string canonicalPath) => directory == "/" ? canonicalPath : directory + canonicalPath;

    protected override Fact<string> PhysicalPath(string canonicalPath) => Physical(canonicalPath);

    protected override NodeInfo Lstat(string canonicalPath)
    {
        int type = LinuxFileStatus.LstatType(Physical(canonicalPath));
        return type switch
        {
            -LinuxFileStatus.ENOENT or -LinuxFileStatus.ENOTDIR => NodeInfo.Missing,
            -LinuxFileStatus.EACCES or -LinuxFileStatus.EPERM => new NodeInfo(NodeState.Denied, HostEntryKind.Other),
            < 0 => new NodeInfo(NodeState.Failed, HostEntryKind.Other, $"errno {-type}"),
            LinuxFileStatus.TypeRegular => NodeInfo.Of(HostEntryKind.File),
            LinuxFileStatus.TypeDirectory => NodeInfo.Of(HostEntryKind.Directory),
            LinuxFileStatus.TypeSymlink => NodeInfo.Of(HostEntryKind.Symlink),
            _ => NodeInfo.Of(HostEntryKind.Other),
        };
    }

    protected override string ReadLinkTarget(string canonicalPath) =>
        new FileInfo(Physical(canonicalPath)).LinkTarget ?? "";

    protected override unsafe Fact<byte[]> ReadFile(string canonicalPath, string displayPath, int maxBytes)
    {
        // O_NOFOLLOW: the path was resolved link by link; a link swapped in since is refused, not followed.
        // O_NONBLOCK: a FIFO swapped in since cannot block the read. Both change nothing for a regular file.
        int fd = Posix.Open(Physical(canonicalPath), Posix.ORdOnly | Posix.OCloExec | Posix.ONoFollow | Posix.ONonBlock);
        if (fd < 0)
        {
            return Unreadable(Posix.LastError, displayPath);
        }

        try
        {
            // Kernel files report a size of 0 or 4096 whatever they hold, so read to the end, bounded. One scratch
            // buffer per thread serves every read: an audit reads hundreds of small files, and a fresh 64 KiB array
            // each would be most of what the run allocates.
            var buffer = scratch ??= new byte[ScratchBytes];
            long limit = maxBytes + 1L; // one byte past the bound tells a file of exactly maxBytes from a longer one
            int total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    var larger = new byte[(int)Math.Min((long)buffer.Length * 2, limit)];
                    buffer.AsSpan(0, total).CopyTo(larger);
                    buffer = larger;
                }

                nint read;
                fixed (byte* start = &buffer[total])
                {
                    read = Posix.Read(fd, start, (nuint)(Math.Min(buffer.Length, limit) - total));
                }

                if (read < 0)
                {
                    if (Posix.LastError == Posix.EINTR)
                    {
                        continue;
                    }

                    return Unreadable(Posix.LastError, displayPath);
                }

                if (read == 0)
                {
                    return buffer.AsSpan(0, total).ToArray();
                }

                total += (int)read;
                if (total > maxBytes)
                {
                    return Fact.Unknown<byte[]>(UnknownKind.Unreadable, $"{displayPath} is larger than {maxBytes} bytes (read bounded)");
                }
            }
        }
        finally
        {
            _ = Posix.Close(fd); // nothing to flush: the file was only read
        }
    }

    protected override Fact<IReadOnlyList<HostEntry>> ListDirectory(string canonicalPath, string displayPath)
    {
        var raw = new List<(string Name, byte Type)>();
        int errno = LinuxDirectory.TryList(Physical(canonicalPath), raw);
        if (errno != 0)
        {
            return errno switch
            {
                Posix.EACCES or Posix.EPERM => Fact.Unknown<IReadOnlyList<HostEntry>>(UnknownKind.PermissionDenied, $"permission denied listing {displayPath} (needs root)"),
                Posix.ENOENT or Posix.ENOTDIR => Fact.Unknown<IReadOnlyList<HostEntry>>(UnknownReason.Absent(displayPath)),
                _ => Fact.Unknown<IReadOnlyList<HostEntry>>(UnknownKind.Unreadable, $"cannot list {displayPath}: {FileErrors.Strerror(errno)}"),
            };
        }

        var entries = new List<HostEntry>(raw.Count);
        foreach (var (name, type) in raw)
        {
            var kind = type switch
            {
                LinuxDirectory.TypeRegular => HostEntryKind.File,
                LinuxDirectory.TypeDirectory => HostEntryKind.Directory,
                LinuxDirectory.TypeSymlink => HostEntryKind.Symlink,
                LinuxDirectory.TypeUnknown => Lstat(canonicalPath == "/" ? "/" + name : canonicalPath + "/" + name).Kind,
                _ => HostEntryKind.Other,
            };
            entries.Add(new HostEntry(name, kind));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    /// <summary>An open or read that failed, as the fact says it: permission, absence, or the kernel's reason
    /// (sysfs attributes answer EINVAL, ENODEV or EOPNOTSUPP when the device cannot report the value).</summary>
    private static Fact<byte[]> Unreadable(int errno, string displayPath) => errno switch
    {
        Posix.EACCES or Posix.EPERM => Fact.Unknown<byte[]>(UnknownKind.PermissionDenied, $"permission denied reading {displayPath} (needs root)"),
        Posix.ENOENT or Posix.ENOTDIR => Fact.Unknown<byte[]>(UnknownReason.Absent(displayPath)),
        _ => Fact.Unknown<byte[]>(UnknownKind.Unreadable, $"cannot read {displayPath}: {FileErrors.Strerror(errno)}"),
    };
}
