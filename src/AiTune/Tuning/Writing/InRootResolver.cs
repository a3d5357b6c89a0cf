using AiTune.Interop;

namespace AiTune.Tuning.Writing;

/// <summary>
/// Resolves a host path inside a root directory the way the kernel would if that directory were "/": absolute link
/// targets start again at the root, ".." stops at it, so nothing outside the root is ever reached, whatever links
/// the tree holds. openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS) does it in the kernel, atomically (Linux 5.6+);
/// where it is missing (ENOSYS) or filtered (EPERM, as older container seccomp profiles answer unknown calls) the
/// same rules are applied by walking one component at a time with O_NOFOLLOW and reading each link ourselves.
/// </summary>
internal static class InRootResolver
{
    /// <summary>The kernel's own limit on links followed in one lookup (MAXSYMLINKS).</summary>
    private const int MaxLinkHops = 40;

    /// <summary>Pins the file at <paramref name="hostPath"/> (a normalized absolute path) inside
    /// <paramref name="rootDirectory"/>, without following a final link; null with the errno of the failed lookup.</summary>
    /// <param name="useOpenat2">False forces the walk, so tests prove both resolutions on the same trees.</param>
    /// <exception cref="AiTuneException">The root itself cannot be opened.</exception>
    public static PinnedFile? Pin(string rootDirectory, string hostPath, bool useOpenat2, out int errno)
    {
        int root = Posix.Open(rootDirectory, Posix.OPath | Posix.ODirectory | Posix.OCloExec);
        if (root < 0)
        {
            int error = Posix.LastError;
            throw new AiTuneException($"cannot open the root directory {rootDirectory}: {Posix.Describe(error)}",
                "give --root an existing directory (\"/\" for the live host)");
        }

        try
        {
            string relative = hostPath.TrimStart('/');
            int fd = -1;
            if (useOpenat2)
            {
                fd = Posix.OpenAt2(root, relative, Posix.OPath | Posix.ONoFollow | Posix.OCloExec, Posix.ResolveInRoot | Posix.ResolveNoMagicLinks);
                errno = fd < 0 ? Posix.LastError : 0;
                if (fd < 0 && errno is not (Posix.ENOSYS or Posix.EPERM))
                {
                    return null;
                }
            }

            if (fd < 0)
            {
                fd = Walk(root, relative, out errno);
                if (fd < 0)
                {
                    return null;
                }
            }

            return Describe(root, fd, out errno);
        }
        finally
        {
            Posix.Close(root);
        }
    }

    private static PinnedFile? Describe(int root, int fd, out int errno)
    {
        int type = Posix.FileType(fd);
        if (type < 0)
        {
            errno = -type;
            Posix.Close(fd);
            return null;
        }

        string? rootPath = RealPath(root, out errno);
        string? filePath = rootPath is null ? null : RealPath(fd, out errno);
        string? canonical = filePath is null ? null
            : rootPath == "/" ? filePath
            : filePath == rootPath ? "/"
            : filePath.StartsWith(rootPath + "/", StringComparison.Ordinal) ? filePath[rootPath!.Length..]
            : null;
        if (canonical is null)
        {
            // Outside the root can only mean a rename of the tree under our feet between the lookup and now.
            errno = filePath is null ? errno : Posix.EXDEV;
            Posix.Close(fd);
            return null;
        }

        errno = 0;
        return new PinnedFile(fd, canonical, type);
    }

    /// <summary>The path the kernel has for an open descriptor (d_path: links resolved, mount points crossed).</summary>
    private static string? RealPath(int fd, out int errno)
    {
        string? path = Posix.ReadLinkAt(Posix.AtFdCwd, $"/proc/self/fd/{fd}");
        errno = path is null ? Posix.LastError : 0;
        return path;
    }

    /// <summary>RESOLVE_IN_ROOT by hand. <c>resolved</c> holds the real directories below the root that lead to
    /// <c>current</c>: ".." pops one and reopens from the root rather than trusting the on-disk "..".</summary>
    private static int Walk(int root, string relative, out int errno)
    {
        var pending = new Stack<string>(relative.Split('/').Reverse());
        var resolved = new List<string>();
        int current = Reopen(root, resolved, out errno);
        int hops = 0;
        while (current >= 0 && pending.Count > 0)
        {
            string name = pending.Pop();
            if (name is "" or ".")
            {
                continue;
            }

            if (name == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                Posix.Close(current);
                current = Reopen(root, resolved, out errno);
                continue;
            }

            int next = Posix.OpenAt(current, name, Posix.OPath | Posix.ONoFollow | Posix.OCloExec, 0);
            int type = next < 0 ? -Posix.LastError : Posix.FileType(next);
            if (type < 0)
            {
                errno = -type;
                if (next >= 0)
                {
                    Posix.Close(next);
                }

                Posix.Close(current);
                return -1;
            }

            if (pending.Count == 0)
            {
                // The final component, a link included, is pinned as it is: O_NOFOLLOW.
                Posix.Close(current);
                return next;
            }

            if (type == Posix.TypeSymlink)
            {
                string? target = Posix.ReadLinkAt(current, name);
                errno = target is null ? Posix.LastError : ++hops > MaxLinkHops ? Posix.ELOOP : 0;
                Posix.Close(next);
                if (errno != 0)
                {
                    Posix.Close(current);
                    return -1;
                }

                foreach (string part in target!.Split('/').Reverse())
                {
                    pending.Push(part);
                }

                if (target.StartsWith('/'))
                {
                    resolved.Clear();
                    Posix.Close(current);
                    current = Reopen(root, resolved, out errno);
                }

                continue;
            }

            if (type != Posix.TypeDirectory)
            {
                Posix.Close(next);
                Posix.Close(current);
                errno = Posix.ENOTDIR;
                return -1;
            }

            Posix.Close(current);
            current = next;
            resolved.Add(name);
        }

        return current;
    }

    /// <summary>The directory reached from the root through <paramref name="directories"/>, none of them a link.</summary>
    private static int Reopen(int root, List<string> directories, out int errno)
    {
        int fd = Posix.OpenAt(root, ".", Posix.OPath | Posix.ODirectory | Posix.OCloExec, 0);
        errno = fd < 0 ? Posix.LastError : 0;
        foreach (string name in directories)
        {
            if (fd < 0)
            {
                break;
            }

            int next = Posix.OpenAt(fd, name, Posix.OPath | Posix.ODirectory | Posix.ONoFollow | Posix.OCloExec, 0);
            errno = next < 0 ? Posix.LastError : 0;
            Posix.Close(fd);
            fd = next;
        }

        return fd;
    }
}
