namespace AiTune.Tests.Audit.FixSimulation;

/// <summary>
/// A copy of a host tree (links kept as links) on which file writes land as the kernel would show them afterwards:
/// a selector file ("always [madvise] never", "[none] mq-deadline") moves its brackets, a multi-value sysctl is read
/// back tab-separated, anything else is the value and a newline. A write to a file the tree lacks, or of a word a
/// selector does not offer, is what the kernel would refuse: <see cref="Apply"/> says so instead of writing.
/// </summary>
public sealed class SimulatedHost : IDisposable
{
    private SimulatedHost(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public static SimulatedHost CopyOf(string tree)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("aitune-fix-").FullName;
        Copy(new DirectoryInfo(tree), directory);
        return new SimulatedHost(directory);
    }

    /// <summary>Applies the writes in order; the refusal the kernel would give, or null when every write landed.
    /// Returns the host paths of the files that changed.</summary>
    public string? Apply(IEnumerable<FileWrite> writes, List<string> changed)
    {
        foreach (var write in writes)
        {
            var files = Expand(write.HostPath);
            if (files.Count == 0)
            {
                return $"{write.HostPath}: no such file on this host";
            }

            foreach (var (hostPath, physical) in files)
            {
                var before = File.ReadAllText(physical);
                var after = Render(before, write.Value);
                if (after is null)
                {
                    return $"{hostPath}: the kernel offers {before.Trim()}, not {write.Value}";
                }

                if (after != before)
                {
                    File.WriteAllText(physical, after);
                    changed.Add(hostPath);
                }
            }
        }

        return null;
    }

    /// <summary>Puts back one file from the original tree.</summary>
    public void Restore(string tree, string hostPath) =>
        File.WriteAllText(Physical(hostPath), File.ReadAllText(Path.Combine(tree, hostPath.TrimStart('/'))));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string? Render(string before, string value)
    {
        // Selector files mark the active word: brackets in sysfs (THP, the I/O scheduler), parentheses in debugfs's
        // sched/preempt ("none (voluntary) full").
        foreach (var (open, close) in new[] { ('[', ']'), ('(', ')') })
        {
            if (before.Contains(open) && before.Contains(close))
            {
                var words = before.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(open, close)).ToList();
                return words.Contains(value) ? string.Join(' ', words.Select(w => w == value ? $"{open}{w}{close}" : w)) + "\n" : null;
            }
        }

        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\t', fields) + "\n";
    }

    /// <summary>The files a host path names, a glob expanded component by component, each checked to resolve inside
    /// the copy (a link out of the tree is never written through).</summary>
    private List<(string HostPath, string Physical)> Expand(string hostPath)
    {
        var matches = new List<string> { "" };
        foreach (var part in hostPath.Trim('/').Split('/'))
        {
            var next = new List<string>();
            foreach (var prefix in matches)
            {
                var parent = Path.Combine(Directory, prefix);
                if (!part.Contains('*') && !part.Contains('?'))
                {
                    next.Add(Path.Combine(prefix, part));
                    continue;
                }

                if (System.IO.Directory.Exists(parent))
                {
                    next.AddRange(new DirectoryInfo(parent).EnumerateFileSystemInfos(part).Select(e => Path.Combine(prefix, e.Name)).Order(StringComparer.Ordinal));
                }
            }

            matches = next;
        }

        var result = new List<(string, string)>();
        foreach (var match in matches)
        {
            var physical = Path.Combine(Directory, match);
            if (!File.Exists(physical))
            {
                continue;
            }

            var real = RealPath(physical);
            if (!real.StartsWith(Directory + "/", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{match} resolves outside the copied tree: {real}");
            }

            result.Add(("/" + match, physical));
        }

        return result;
    }

    private string Physical(string hostPath) => Path.Combine(Directory, hostPath.TrimStart('/'));

    private static string RealPath(string path)
    {
        var resolved = "/";
        var pending = new Queue<string>(path.Trim('/').Split('/'));
        int hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Dequeue();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? "/";
                continue;
            }

            var candidate = Path.Combine(resolved, part);
            var info = new FileInfo(candidate);
            if (info.LinkTarget is { } target && ++hops < 40)
            {
                var rest = pending.ToList();
                pending = new Queue<string>((target.StartsWith('/') ? target : Path.Combine(resolved, target)).Trim('/').Split('/').Concat(rest));
                resolved = "/";
                continue;
            }

            resolved = candidate;
        }

        return resolved;
    }

    private static void Copy(DirectoryInfo source, string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        foreach (var entry in source.EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo directory)
            {
                Copy(directory, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }
}
