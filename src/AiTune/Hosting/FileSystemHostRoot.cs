using AiTune.Facts;
using AiTune.Files;
using AiTune.Interop;

namespace AiTune.Hosting;

/// <summary>A host tree on a mounted file system: the live host at "/", or a directory holding
/// <c>proc/</c>, <c>sys/</c>, <c>etc/</c> … captured from another machine.</summary>
public sealed class FileSystemHostRoot : HostRoot
{
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

    protected override Fact<byte[]> ReadFile(string canonicalPath, string displayPath, int maxBytes)
    {
        try
        {
            using var handle = File.OpenHandle(Physical(canonicalPath), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            // Kernel files report a size of 0 or 4096 whatever they hold, so read to the end, bounded.
            var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
            int total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        return Fact.Unknown<byte[]>(UnknownKind.Unreadable, $"{displayPath} is larger than {maxBytes} bytes (read bounded)");
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
                }

                int read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        catch (UnauthorizedAccessException)
        {
            return Fact.Unknown<byte[]>(UnknownKind.PermissionDenied, $"permission denied reading {displayPath} (needs root)");
        }
        catch (FileNotFoundException)
        {
            return Fact.Unknown<byte[]>(UnknownReason.Absent(displayPath));
        }
        catch (DirectoryNotFoundException)
        {
            return Fact.Unknown<byte[]>(UnknownReason.Absent(displayPath));
        }
        catch (IOException e)
        {
            // sysfs attributes answer EINVAL, ENODEV or EOPNOTSUPP when the device cannot report the value.
            return Fact.Unknown<byte[]>(UnknownKind.Unreadable, $"cannot read {displayPath}: {FileErrors.Describe(e)}");
        }
    }

    protected override Fact<IReadOnlyList<HostEntry>> ListDirectory(string canonicalPath, string displayPath)
    {
        try
        {
            var entries = new List<HostEntry>();
            foreach (var entry in new DirectoryInfo(Physical(canonicalPath)).EnumerateFileSystemInfos())
            {
                var kind = entry.LinkTarget is not null ? HostEntryKind.Symlink
                    : entry is DirectoryInfo ? HostEntryKind.Directory
                    : Lstat(canonicalPath == "/" ? "/" + entry.Name : canonicalPath + "/" + entry.Name).Kind;
                entries.Add(new HostEntry(entry.Name, kind));
            }

            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return entries;
        }
        catch (UnauthorizedAccessException)
        {
            return Fact.Unknown<IReadOnlyList<HostEntry>>(UnknownKind.PermissionDenied, $"permission denied listing {displayPath} (needs root)");
        }
        catch (DirectoryNotFoundException)
        {
            return Fact.Unknown<IReadOnlyList<HostEntry>>(UnknownReason.Absent(displayPath));
        }
        catch (IOException e)
        {
            return Fact.Unknown<IReadOnlyList<HostEntry>>(UnknownKind.Unreadable, $"cannot list {displayPath}: {FileErrors.Describe(e)}");
        }
    }
}
