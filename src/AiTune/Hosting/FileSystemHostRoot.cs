using AiTune.Facts;
using AiTune.Files;
using AiTune.Interop;

namespace AiTune.Hosting;

/// <summary>A host tree on a mounted file system: the live host at "/", or a directory holding
/// <c>proc/</c>, <c>sys/</c>, <c>etc/</c> … captured from another machine.</summary>
public sealed class FileSystemHostRoot : HostRoot
{
    /// <summary>Holds every kernel text file aitune reads on a small host, /proc/config.gz included; a larger file
    /// grows the thread's buffer (kept up to <see cref="MaxScratchBytes"/>). Not larger from the start: the GC zeroes
    /// an array when it is made, so each page of it is touched, and a fresh page costs microseconds.</summary>
    private const int ScratchBytes = 32 * 1024;

    /// <summary>The largest buffer a thread keeps for its next reads (a big server's /proc/cpuinfo fits).</summary>
    private const int MaxScratchBytes = 1024 * 1024;

    private const int Unopened = -2;
    private const int Unavailable = -1;

    [ThreadStatic]
    private static byte[]? scratch;

    /// <summary>The live /proc and /sys, as O_PATH descriptors: opened on the first read beneath them (in a lab
    /// guest, after PID 1 mounted them).</summary>
    private static int procTree = Unopened;
    private static int sysTree = Unopened;

    /// <summary>False once the kernel answered ENOSYS to openat2 (before 5.6): every read goes link by link.</summary>
    private static bool openat2Usable = true;

    private readonly string directory;

    private int readsDirectly;

    /// <summary>How many reads were answered directly: the tests' proof that the way is taken where it should be
    /// (counted from every thread an inspection reads on).</summary>
    internal int ReadsDirectly => Volatile.Read(ref readsDirectly);

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

    protected override Fact<byte[]> ReadFile(string canonicalPath, string displayPath, int maxBytes)
    {
        // O_NOFOLLOW: the path was resolved link by link; a link swapped in since is refused, not followed.
        // O_NONBLOCK: a FIFO swapped in since cannot block the read. Both change nothing for a regular file.
        int fd = Posix.Open(Physical(canonicalPath), Posix.ORdOnly | Posix.OCloExec | Posix.ONoFollow | Posix.ONonBlock);
        return fd < 0 ? Unreadable(Posix.LastError, displayPath) : ReadToEnd(fd, displayPath, maxBytes, answeredWhole: false);
    }

    /// <summary>On the live host, a file under /proc or /sys is opened by one openat2 beneath a descriptor of that
    /// tree, which lets the kernel follow the trees' own links (/sys/block/X, /proc/self) but no link, ".." or
    /// magic link out of them, instead of an lstat and a readlink per component first: an audit reads a few hundred
    /// such files, and those were one system call in three. The trees are the kernel's own (procfs, sysfs and what
    /// the kernel mounts beneath), which hold no FIFO, socket or device node, so the lstat's only other verdict, a
    /// directory, is the read's EISDIR. Host trees are always read link by link: they can hold anything, and their
    /// links are taken relative to the tree's root, not this machine's. So is every path on a kernel without openat2
    /// (before 5.6) or under a filter that refuses it.</summary>
    protected override Fact<byte[]>? ReadDirectly(string path, int maxBytes)
    {
        int tree;
        int prefix;
        if (!IsLive || !openat2Usable || path.Contains('\0'))
        {
            return null;
        }
        else if (path.StartsWith("/proc/", StringComparison.Ordinal))
        {
            tree = KernelTree(ref procTree, "/proc");
            prefix = "/proc/".Length;
        }
        else if (path.StartsWith("/sys/", StringComparison.Ordinal))
        {
            tree = KernelTree(ref sysTree, "/sys");
            prefix = "/sys/".Length;
        }
        else
        {
            return null;
        }

        if (tree < 0)
        {
            return null;
        }

        int fd = Posix.OpenAt2(tree, path.AsSpan(prefix), Posix.ORdOnly | Posix.OCloExec | Posix.ONonBlock,
            Posix.ResolveBeneath | Posix.ResolveNoMagicLinks);
        int errno = fd < 0 ? Posix.LastError : 0;
        if (errno == Posix.ENOSYS)
        {
            openat2Usable = false;
        }

        if (fd >= 0)
        {
            Interlocked.Increment(ref readsDirectly);
            return ReadToEnd(fd, path, maxBytes, AnsweredWhole(path));
        }

        // Absence reads as it would link by link (a dangling link too); anything else (a denial, which link by link
        // names the directory denied; EXDEV for a link out of the tree; ELOOP; EPERM from a seccomp filter; an
        // argument an old kernel refuses) is for the read link by link to judge.
        if (errno is Posix.ENOENT or Posix.ENOTDIR)
        {
            Interlocked.Increment(ref readsDirectly);
            return Unreadable(errno, path);
        }

        return null;
    }

    /// <summary>An O_PATH descriptor of /proc or /sys, opened on first use and kept for the life of the process (one
    /// per tree, shared by every live root and thread: a descriptor closed with its root could be reused by another
    /// open while a collector given up on still reads through it); -1 when it cannot be opened.</summary>
    private static int KernelTree(ref int descriptor, string directory)
    {
        int current = Volatile.Read(ref descriptor);
        if (current != Unopened)
        {
            return current;
        }

        int fd = Posix.Open(directory, Posix.OPath | Posix.ODirectory | Posix.ONoFollow | Posix.OCloExec);
        int opened = fd < 0 ? Unavailable : fd;
        int earlier = Interlocked.CompareExchange(ref descriptor, opened, Unopened);
        if (earlier != Unopened)
        {
            if (fd >= 0)
            {
                _ = Posix.Close(fd); // another thread opened it first
            }

            return earlier;
        }

        return opened;
    }

    /// <summary>Files of the live kernel that every read answers whole, so that a read shorter than the buffer has
    /// reached the end and the read that would return 0 can be left out: a sysfs attribute is one show() into one
    /// page (Documentation/filesystems/sysfs.rst: "sysfs will call the method exactly once for each read"), a
    /// sysctl one proc_handler call, /proc/PID/comm one record. Not the trees other file systems mount under /sys
    /// (cgroup, debugfs, tracefs, securityfs, configfs, efivarfs: /sys/fs, /sys/kernel/…, /sys/firmware), nor the
    /// rest of /proc, whose sequence files hand out about a page per read.</summary>
    internal static bool AnsweredWhole(string path) =>
        path.StartsWith("/proc/sys/", StringComparison.Ordinal)
        || (path.StartsWith("/proc/", StringComparison.Ordinal) && path.EndsWith("/comm", StringComparison.Ordinal) && path.AsSpan().Count('/') == 3)
        || path.StartsWith("/sys/devices/", StringComparison.Ordinal)
        || path.StartsWith("/sys/block/", StringComparison.Ordinal)
        || path.StartsWith("/sys/bus/", StringComparison.Ordinal)
        || path.StartsWith("/sys/class/", StringComparison.Ordinal)
        || path.StartsWith("/sys/kernel/mm/", StringComparison.Ordinal)
        || path.StartsWith("/sys/module/", StringComparison.Ordinal);

    /// <summary>Reads an open file to its end, bounded, and closes it.</summary>
    /// <param name="answeredWhole">A read shorter than asked ends the file (<see cref="AnsweredWhole"/>).</param>
    private static unsafe Fact<byte[]> ReadToEnd(int fd, string displayPath, int maxBytes, bool answeredWhole)
    {
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
                    if (larger.Length <= MaxScratchBytes)
                    {
                        scratch = larger;
                    }
                }

                nint read;
                long asked = Math.Min(buffer.Length, limit) - total;
                fixed (byte* start = &buffer[total])
                {
                    read = Posix.Read(fd, start, (nuint)asked);
                }

                if (read < 0)
                {
                    int errno = Posix.LastError;
                    if (errno == Posix.EINTR)
                    {
                        continue;
                    }

                    return errno == Posix.EISDIR ? Fact.Unknown<byte[]>(NotAFile(displayPath, HostEntryKind.Directory)) : Unreadable(errno, displayPath);
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

                if (answeredWhole && read < asked)
                {
                    return buffer.AsSpan(0, total).ToArray();
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
