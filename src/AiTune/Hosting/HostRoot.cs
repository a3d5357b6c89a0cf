using System.Text;
using AiTune.Facts;

namespace AiTune.Hosting;

/// <summary>
/// The only way into a host: the live system, a directory holding a host tree, or a snapshot archive.
/// Paths are host paths ("/proc/meminfo"). Every link is resolved here, component by component, inside the
/// root: an absolute target is taken relative to the root (as chroot and <c>systemd-sysctl --root</c> do) and a
/// relative target that climbs out of the root is refused, so no read ever leaves the tree. (The live host's /proc
/// and /sys are the one exception, and only in how: the kernel resolves those reads beneath each tree in one
/// openat2, see <see cref="ReadDirectly"/>.) Reads are bounded, and FIFOs, sockets and devices are never opened.
/// Every failure is an <see cref="UnknownReason"/>, not an exception, because a file we cannot read is a fact
/// about the host.
/// </summary>
public abstract class HostRoot : IDisposable
{
    /// <summary>Far above any kernel text file aitune reads (a kernel config is about 300 KiB).</summary>
    public const int DefaultMaxBytes = 4 << 20;

    private const int MaxLinkHops = 40;

    /// <summary>Directories resolved so far, by the path asked for; an inspection reads on two threads (SideWork), so
    /// it is used under <see cref="directoriesGate"/>.</summary>
    private readonly Dictionary<string, Fact<string>> resolvedDirectories = new(StringComparer.Ordinal);
    private readonly Lock directoriesGate = new();
    private readonly Lock observerGate = new();
    private Action<HostAccess>? observer;

    /// <summary>Words for the user: "the live host", "host tree /srv/x", "snapshot x.tar.gz".</summary>
    public abstract string Description { get; }

    /// <summary>True when this is the running system (reads reflect the kernel now).</summary>
    public virtual bool IsLive => false;

    /// <summary>Told about every file, listing, link and failure; a snapshot records through it. Called under a
    /// lock, one access at a time, whichever thread reads.</summary>
    public Action<HostAccess>? Observer
    {
        get => observer;
        set => observer = value is null ? null : access =>
        {
            lock (observerGate)
            {
                value(access);
            }
        };
    }

    /// <summary>Failures a snapshot recorded on the captured host (permission denied …), by canonical path:
    /// replayed so that auditing the snapshot gives the same unknowns as auditing the host.</summary>
    public IReadOnlyDictionary<string, UnknownReason> RecordedFailures { get; internal set; } = new Dictionary<string, UnknownReason>();

    /// <summary>Reads a text file (kernel files are ASCII; invalid UTF-8 is replaced, and parsers judge the result).</summary>
    public Fact<string> ReadText(string path, int maxBytes = DefaultMaxBytes) =>
        ReadBytes(path, maxBytes).Map(bytes => Encoding.UTF8.GetString(bytes));

    /// <summary>Reads a text file and parses it; the parser gets the path, to name the file in what it reports.</summary>
    public Fact<T> ReadParsed<T>(string path, Func<string, string, Fact<T>> parse) =>
        ReadText(path).Bind(text => parse(path, text));

    /// <summary>Reads at most <paramref name="maxBytes"/>; a longer file is unreadable, never silently truncated.</summary>
    public Fact<byte[]> ReadBytes(string path, int maxBytes = DefaultMaxBytes)
    {
        if (Observer is null && RecordedFailures.Count == 0 && IsNormal(path) && ReadDirectly(path, maxBytes) is { } direct)
        {
            return direct;
        }

        var canonical = Resolve(path, followFinalLink: true, out var node);
        if (!canonical.TryGet(out var target))
        {
            return Fact.Unknown<byte[]>(ForPath(canonical.Reason!, path));
        }

        if (RecordedFailures.TryGetValue(target, out var recorded))
        {
            return Fact.Unknown<byte[]>(recorded);
        }

        var info = node ?? Lstat(target);
        if (info.State != NodeState.Present)
        {
            return Fact.Unknown<byte[]>(Fail(target, info, path));
        }

        if (info.Kind != HostEntryKind.File)
        {
            return Fact.Unknown<byte[]>(Fail(target, NotAFile(path, info.Kind)));
        }

        var content = ReadFile(target, path, maxBytes);
        if (content.TryGet(out var bytes))
        {
            Observer?.Invoke(new HostAccess(HostAccessKind.File, target, Content: bytes));
        }
        else
        {
            Observer?.Invoke(new HostAccess(HostAccessKind.Failure, target, Error: content.Reason));
        }

        return content;
    }

    /// <summary>Lists a directory (following links to it), sorted by name; entries are not followed.</summary>
    public Fact<IReadOnlyList<HostEntry>> List(string directory)
    {
        var canonical = ResolveDirectory(directory);
        if (!canonical.TryGet(out var target))
        {
            return Fact.Unknown<IReadOnlyList<HostEntry>>(ForPath(canonical.Reason!, directory));
        }

        if (RecordedFailures.TryGetValue(target, out var recorded))
        {
            return Fact.Unknown<IReadOnlyList<HostEntry>>(recorded);
        }

        var entries = ListDirectory(target, directory);
        if (entries.TryGet(out var list))
        {
            Observer?.Invoke(new HostAccess(HostAccessKind.Directory, target, Entries: list));
            RememberSubdirectories(directory, target, list);
        }
        else
        {
            Observer?.Invoke(new HostAccess(HostAccessKind.Failure, target, Error: entries.Reason));
        }

        return entries;
    }

    /// <summary>The raw target of a link (e.g. a PCI device's <c>driver</c> link), without following it.</summary>
    public Fact<string> ReadLink(string path)
    {
        var canonical = Resolve(path, followFinalLink: false, out _);
        if (!canonical.TryGet(out var target))
        {
            return Fact.Unknown<string>(ForPath(canonical.Reason!, path));
        }

        var info = Lstat(target);
        if (info.State != NodeState.Present)
        {
            return Fact.Unknown<string>(Fail(target, info, path));
        }

        if (info.Kind != HostEntryKind.Symlink)
        {
            return Fact.Unknown<string>(UnknownKind.Unreadable, $"{path} is not a symbolic link");
        }

        var link = ReadLinkTarget(target);
        Observer?.Invoke(new HostAccess(HostAccessKind.Symlink, target, LinkTarget: link));
        return link;
    }

    /// <summary>The last component of a link's target: the driver name behind <c>.../driver</c>, and the like.</summary>
    public Fact<string> ReadLinkName(string path) =>
        ReadLink(path).Map(target => target.TrimEnd('/').Split('/')[^1]);

    /// <summary>Where a host path lies on this machine's file system, its links resolved inside the root as a read
    /// resolves them: for what must be handed to another program by path (a kernel image to QEMU). Unknown for a
    /// snapshot archive, whose files exist only in it.</summary>
    public Fact<string> LocalPath(string path)
    {
        var canonical = Resolve(path, followFinalLink: true, out _);
        return canonical.TryGet(out var target) ? PhysicalPath(target) : Fact.Unknown<string>(ForPath(canonical.Reason!, path));
    }

    /// <summary>The local path of a canonical host path; unknown unless the root is a file system.</summary>
    protected virtual Fact<string> PhysicalPath(string canonicalPath) =>
        Fact.Unknown<string>(UnknownKind.NotCaptured, $"{canonicalPath} is in {Description}, not on this machine's file system");

    /// <summary>Whether the path exists (following links inside the root).</summary>
    public bool Exists(string path)
    {
        var canonical = Resolve(path, followFinalLink: true, out var node);
        return canonical.TryGet(out var target) && (node ?? Lstat(target)).State == NodeState.Present;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>A read of a normal path that the file system itself keeps inside the root, links and all, so that no
    /// component needs an lstat and a readlink of its own: the answer when the root can give one (the file, or its
    /// absence, exactly as the read link by link would give them), null when it cannot tell, and the read goes link
    /// by link. Only asked when nothing observes the reads (a snapshot records every link it follows).</summary>
    protected virtual Fact<byte[]>? ReadDirectly(string path, int maxBytes) => null;

    /// <summary>lstat of a canonical path (no component is a link, except possibly the last).</summary>
    protected abstract NodeInfo Lstat(string canonicalPath);

    protected abstract string ReadLinkTarget(string canonicalPath);

    /// <summary>Reads a regular file at a canonical path; <paramref name="displayPath"/> is for messages.</summary>
    protected abstract Fact<byte[]> ReadFile(string canonicalPath, string displayPath, int maxBytes);

    protected abstract Fact<IReadOnlyList<HostEntry>> ListDirectory(string canonicalPath, string displayPath);

    /// <summary>Resolves every link in <paramref name="path"/> inside the root.</summary>
    /// <param name="node">The lstat of the canonical path when resolving took it (so the caller need not take it
    /// again), null otherwise.</param>
    private Fact<string> Resolve(string path, bool followFinalLink, out NodeInfo? node, int hops = 0)
    {
        node = null;
        if (!Normalize("/", path).TryGet(out var normalized))
        {
            return Fact.Unknown<string>(UnknownKind.Unreadable, $"{path} leaves the host tree");
        }

        if (normalized == "/")
        {
            return "/";
        }

        int slash = normalized.LastIndexOf('/');
        string parent = slash == 0 ? "/" : normalized[..slash];
        string name = normalized[(slash + 1)..];
        var parentResolved = ResolveDirectory(parent);
        if (!parentResolved.TryGet(out var canonicalParent))
        {
            return parentResolved;
        }

        string candidate = canonicalParent == "/" ? "/" + name : canonicalParent + "/" + name;
        if (RecordedFailures.TryGetValue(candidate, out var recorded))
        {
            return Fact.Unknown<string>(recorded);
        }

        if (!followFinalLink)
        {
            return candidate;
        }

        var info = Lstat(candidate);
        if (info.State != NodeState.Present || info.Kind != HostEntryKind.Symlink)
        {
            node = info;
            return candidate; // missing or denied nodes fail at the read, with the right reason
        }

        if (hops >= MaxLinkHops)
        {
            return Fact.Unknown<string>(UnknownKind.Unreadable, $"{path}: too many levels of symbolic links");
        }

        string target = ReadLinkTarget(candidate);
        Observer?.Invoke(new HostAccess(HostAccessKind.Symlink, candidate, LinkTarget: target));
        if (!Normalize(canonicalParent, target).TryGet(out var next))
        {
            var outside = new UnknownReason(UnknownKind.Unreadable, $"{path} is a link to {target}, which leaves the host tree (not followed)");
            Observer?.Invoke(new HostAccess(HostAccessKind.Failure, candidate, Error: outside));
            return Fact.Unknown<string>(outside);
        }

        return Resolve(next, followFinalLink: true, out node, hops + 1);
    }

    /// <summary>A listing names its real subdirectories (readdir's type, or an lstat where the file system gives
    /// none), so reads beneath them need not lstat them again: the process scan reads a file in each of hundreds of
    /// /proc/PID directories, and that lstat was one syscall in five. A link is never remembered as a directory, so
    /// links are still resolved inside the root. The listing is what the lstat was: a verdict the cache of resolved
    /// directories trusts for the rest of the run (a directory swapped for a link after it is the same race as after
    /// an lstat, and the final component is still opened with O_NOFOLLOW).</summary>
    private void RememberSubdirectories(string directory, string canonical, IReadOnlyList<HostEntry> entries)
    {
        if (!IsNormal(directory))
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (entry.Kind != HostEntryKind.Directory)
            {
                continue;
            }

            string child = canonical == "/" ? "/" + entry.Name : canonical + "/" + entry.Name;
            if (!RecordedFailures.ContainsKey(child))
            {
                lock (directoriesGate)
                {
                    resolvedDirectories.TryAdd(directory == "/" ? "/" + entry.Name : directory + "/" + entry.Name, child);
                }
            }
        }
    }

    private Fact<string> ResolveDirectory(string directory)
    {
        lock (directoriesGate)
        {
            if (resolvedDirectories.TryGetValue(directory, out var cached))
            {
                return cached;
            }
        }

        var resolved = Resolve(directory, followFinalLink: true, out var node);
        if (resolved.TryGet(out var canonical) && canonical != "/")
        {
            var info = node ?? Lstat(canonical);
            if (info.State != NodeState.Present)
            {
                resolved = Fact.Unknown<string>(Fail(canonical, info, directory));
            }
            else if (info.Kind != HostEntryKind.Directory)
            {
                resolved = Fact.Unknown<string>(UnknownKind.Absent, $"{directory} is not a directory");
            }
        }

        lock (directoriesGate)
        {
            resolvedDirectories[directory] = resolved;
        }

        return resolved;
    }

    /// <summary>Joins <paramref name="relativeTo"/> and <paramref name="path"/> and removes "." and "..";
    /// an absolute <paramref name="path"/> starts again at the root. Unknown when ".." climbs above the root.</summary>
    internal static Fact<string> Normalize(string relativeTo, string path)
    {
        if (IsNormal(path))
        {
            return path; // most paths aitune reads are written normal: no list, no split, no join
        }

        var parts = new List<string>();
        if (!path.StartsWith('/'))
        {
            parts.AddRange(relativeTo.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }

        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return Fact.Unknown<string>(UnknownKind.Unreadable, "leaves the root");
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>An absolute path with no empty, "." or ".." component and no trailing slash (or "/" itself), which
    /// <see cref="Normalize"/> returns unchanged.</summary>
    private static bool IsNormal(string path)
    {
        if (path == "/")
        {
            return true;
        }

        if (path.Length < 2 || path[0] != '/' || path[^1] == '/')
        {
            return false;
        }

        int start = 1;
        while (start < path.Length)
        {
            int end = path.IndexOf('/', start);
            if (end < 0)
            {
                end = path.Length;
            }

            var part = path.AsSpan(start, end - start);
            if (part.Length == 0 || part is "." or "..")
            {
                return false;
            }

            start = end + 1;
        }

        return true;
    }

    /// <summary>An absent parent directory is reported as the requested path being absent, so the reason does
    /// not depend on how much of the path exists (a snapshot holds only what was read).</summary>
    private static UnknownReason ForPath(UnknownReason reason, string path) =>
        reason.Kind == UnknownKind.Absent ? UnknownReason.Absent(path) : reason;

    private UnknownReason Fail(string canonicalPath, NodeInfo info, string displayPath)
    {
        var reason = info.State switch
        {
            NodeState.Missing => UnknownReason.Absent(displayPath),
            NodeState.Denied => new UnknownReason(UnknownKind.PermissionDenied, $"permission denied reading {displayPath} (needs root)"),
            _ => new UnknownReason(UnknownKind.Unreadable, $"cannot read {displayPath}: {info.Error}"),
        };
        return info.State == NodeState.Missing ? reason : Fail(canonicalPath, reason);
    }

    private UnknownReason Fail(string canonicalPath, UnknownReason reason)
    {
        Observer?.Invoke(new HostAccess(HostAccessKind.Failure, canonicalPath, Error: reason));
        return reason;
    }

    protected static UnknownReason NotAFile(string path, HostEntryKind kind) =>
        new(UnknownKind.Unreadable, $"{path} is a {Describe(kind)}, not a regular file");

    private static string Describe(HostEntryKind kind) => kind switch
    {
        HostEntryKind.Directory => "directory",
        HostEntryKind.Symlink => "symbolic link",
        HostEntryKind.Other => "FIFO, socket or device",
        _ => "file",
    };
}
