namespace AiTune.Lab.Packages;

/// <summary>
/// Writes a tree of files from an untrusted archive into a new, private directory. Names are relative and checked
/// (<see cref="PackagePath"/>); files are created with O_CREAT|O_EXCL, which never follows a link and refuses a
/// name written twice; symbolic links are checked to stay inside the tree and created only in <see cref="Finish"/>,
/// after every file and directory, so no write ever passes through a link the archive made; the bytes written are
/// bounded in total. Special bits (setuid, setgid, sticky) are dropped.
/// </summary>
public sealed class SafeTreeWriter
{
    /// <summary>Debian's 6.12 kernel package unpacks to about 600 MB.</summary>
    public const long DefaultMaxTotalBytes = 4L << 30;

    private readonly string root;
    private readonly long maxTotalBytes;
    private readonly string what;
    private readonly List<(string Name, string Target)> links = [];
    private readonly HashSet<string> directories = new(StringComparer.Ordinal) { "" };
    private long written;

    /// <param name="root">A directory that must not exist yet; created 0700.</param>
    /// <param name="what">The archive, for messages.</param>
    public SafeTreeWriter(string root, long maxTotalBytes, string what)
    {
        this.root = root;
        this.maxTotalBytes = maxTotalBytes;
        this.what = what;
        Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public long WrittenBytes => written;

    public void AddDirectory(string name)
    {
        Check(name);
        EnsureDirectory(name);
    }

    public void AddFile(string name, Stream content, UnixFileMode mode)
    {
        Check(name);
        EnsureDirectory(Parent(name));
        if (directories.Contains(name))
        {
            throw new InvalidDataException($"{what} holds {PackagePath.Shown(name)} both as a directory and as a file");
        }

        var permissions = (mode & (UnixFileMode)0x1ED /* 0755 */) | UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, // O_CREAT|O_EXCL: an existing name, link or not, is refused, not followed
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = permissions,
            BufferSize = 0,
        };
        using var file = Create(name, options);
        var buffer = new byte[1 << 16];
        while (true)
        {
            int read = content.Read(buffer);
            if (read == 0)
            {
                break;
            }

            written += read;
            if (written > maxTotalBytes)
            {
                throw new InvalidDataException($"{what} unpacks to more than {maxTotalBytes} bytes (not extracted further)");
            }

            try
            {
                file.Write(buffer, 0, read);
            }
            catch (IOException e)
            {
                throw new AiTuneException($"cannot write {Path.Join(root, name)}: {e.Message}", "free space where the kernel is extracted, or choose another cache directory");
            }
        }
    }

    /// <summary>Records a link, checked now and created in <see cref="Finish"/>.</summary>
    public void AddSymbolicLink(string name, string target)
    {
        Check(name);
        CheckLinkTarget(name, target, what);
        links.Add((name, target));
    }

    /// <summary>Creates the links, last, and checks nothing was left half-done.</summary>
    public void Finish()
    {
        foreach (var (name, target) in links)
        {
            EnsureDirectory(Parent(name));
            try
            {
                File.CreateSymbolicLink(Path.Join(root, name), target);
            }
            catch (IOException)
            {
                throw new InvalidDataException($"{what} holds {PackagePath.Shown(name)} twice (a link over another entry)");
            }
        }
    }

    /// <summary>A link target must be relative and, resolved from the link's directory, stay inside the tree: an
    /// absolute one would name the host's own files once the tree is used.</summary>
    public static void CheckLinkTarget(string name, string target, string what)
    {
        if (target.Length == 0 || target.StartsWith('/') || target.Any(char.IsControl))
        {
            throw new InvalidDataException($"{what} holds a link {PackagePath.Shown(name)} to \"{PackagePath.Shown(target)}\", which points outside the tree");
        }

        int depth = Parent(name).Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            depth += part switch { ".." => -1, "." => 0, _ => 1 };
            if (depth < 0)
            {
                throw new InvalidDataException($"{what} holds a link {PackagePath.Shown(name)} to \"{PackagePath.Shown(target)}\", which points outside the tree");
            }
        }
    }

    private FileStream Create(string name, FileStreamOptions options)
    {
        try
        {
            return new FileStream(Path.Join(root, name), options);
        }
        catch (IOException) when (Path.Exists(Path.Join(root, name)))
        {
            throw new InvalidDataException($"{what} holds {PackagePath.Shown(name)} twice");
        }
        catch (IOException e)
        {
            throw new AiTuneException($"cannot write {Path.Join(root, name)}: {e.Message}", "free space where the kernel is extracted, or choose another cache directory");
        }
    }

    private void EnsureDirectory(string name)
    {
        if (directories.Contains(name))
        {
            return;
        }

        EnsureDirectory(Parent(name));
        var path = Path.Join(root, name);
        // No link exists yet in this private tree (links come last), so a path that exists is a file of the archive.
        if (File.Exists(path))
        {
            throw new InvalidDataException($"{what} holds {PackagePath.Shown(name)} both as a file and as a directory");
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        directories.Add(name);
    }

    private static string Parent(string name)
    {
        int slash = name.LastIndexOf('/');
        return slash < 0 ? "" : name[..slash];
    }

    private void Check(string name)
    {
        if (name.Length == 0 || PackagePath.Normalize(name, what) != name)
        {
            throw new InvalidDataException($"{what} holds an entry with an unsafe name ({PackagePath.Shown(name)})");
        }
    }
}
