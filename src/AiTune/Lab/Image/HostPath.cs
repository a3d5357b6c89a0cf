namespace AiTune.Lab.Image;

/// <summary>Host paths as the kernel resolves them: every symbolic link, in every component, followed.</summary>
public static class HostPath
{
    /// <summary>Linux's own limit on links followed in one lookup.</summary>
    private const int MaxLinks = 40;

    /// <summary>The absolute path of the file <paramref name="path"/> names once every link in it is followed
    /// (realpath(3)); it need not exist beyond its links.</summary>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var pending = new Stack<string>(Components(Path.GetFullPath(path)).Reverse());
        string resolved = "/";
        int links = 0;
        while (pending.TryPop(out var component))
        {
            if (component is "" or ".")
            {
                continue;
            }

            if (component == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? "/";
                continue;
            }

            string candidate = Path.Join(resolved, component);
            string? target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new AiTuneException($"{path} has more than {MaxLinks} symbolic links in a chain", "fix the links on the host");
            }

            if (target.StartsWith('/'))
            {
                resolved = "/";
            }

            foreach (var part in Components(target).Reverse())
            {
                pending.Push(part);
            }
        }

        return resolved;
    }

    /// <summary><paramref name="path"/> without "." components, doubled slashes or "..": as the loader would open it.</summary>
    public static string Normalize(string path) => Path.GetFullPath(path);

    private static IEnumerable<string> Components(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
