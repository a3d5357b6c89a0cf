using System.Formats.Tar;
using System.IO.Compression;
using AiTune.Facts;
using AiTune.Files;
using AiTune.Text;

namespace AiTune.Hosting;

/// <summary>A snapshot archive (.tar.gz), held in memory: nothing is extracted to disk, so a hostile archive
/// cannot write anywhere. Entries with absolute paths or "..", links whose target climbs out of the tree,
/// hard links and device nodes are refused, and sizes are bounded.</summary>
public sealed class ArchiveHostRoot : HostRoot
{
    public const long MaxTotalBytes = 512L << 20;
    public const int MaxEntries = 200_000;

    private readonly Dictionary<string, ArchiveNode> nodes = new(StringComparer.Ordinal) { ["/"] = new ArchiveNode(HostEntryKind.Directory) };
    private readonly string name;

    private ArchiveHostRoot(string name) => this.name = name;

    public override string Description => $"snapshot {name}";

    /// <summary>Reads the archive; every problem is an <see cref="AiTuneException"/> naming the entry.</summary>
    public static ArchiveHostRoot Load(string path)
    {
        var root = new ArchiveHostRoot(Path.GetFileName(path));
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[2];
            if (file.Read(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
            {
                throw NotASnapshot(path, "it is not a gzip file");
            }

            file.Position = 0;
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            long total = 0;
            int count = 0;
            while (tar.GetNextEntry() is { } entry)
            {
                if (++count > MaxEntries)
                {
                    throw NotASnapshot(path, $"it has more than {MaxEntries} entries");
                }

                total += Math.Max(entry.Length, 0);
                if (total > MaxTotalBytes)
                {
                    throw NotASnapshot(path, $"it unpacks to more than {MaxTotalBytes >> 20} MiB");
                }

                root.Add(path, entry);
            }
        }
        catch (InvalidDataException)
        {
            throw NotASnapshot(path, "its data is corrupt (not valid gzip, or no tar archive inside)");
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            // System.Formats.Tar's own messages are resource keys in the published binary ("TarInvalidNumber"); a
            // base-256 number too large for its field (a size or a time) overflows instead.
            throw NotASnapshot(path, "its tar headers are corrupt (it is not a tar archive, or it was damaged)");
        }
        catch (EndOfStreamException)
        {
            throw NotASnapshot(path, "it is truncated");
        }
        catch (UnauthorizedAccessException e)
        {
            throw FileErrors.Reading(path, e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw NotASnapshot(path, FileErrors.Describe(e));
        }

        return root;
    }

    private void Add(string archive, TarEntry entry)
    {
        var entryName = entry.Name.Replace('\\', '/');
        if (entryName.StartsWith("./", StringComparison.Ordinal))
        {
            entryName = entryName[2..];
        }

        if (entryName.StartsWith('/') || entryName.Split('/').Any(part => part == ".."))
        {
            throw Refused(archive, $"entry '{DisplayText.Shorten(entry.Name)}' has an absolute path or '..'");
        }

        var normalized = Normalize("/", entryName);
        if (!normalized.TryGet(out var hostPath) || hostPath == "/")
        {
            return;
        }

        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                EnsureDirectory(archive, hostPath);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                using (var content = new MemoryStream())
                {
                    entry.DataStream?.CopyTo(content);
                    Put(archive, hostPath, new ArchiveNode(HostEntryKind.File) { Content = content.ToArray() });
                }

                break;
            case TarEntryType.SymbolicLink:
                var target = entry.LinkName;
                if (!target.StartsWith('/') && !Normalize(Parent(hostPath), target).IsKnown)
                {
                    throw Refused(archive, $"link '{DisplayText.Shorten(entry.Name)}' -> '{DisplayText.Shorten(target)}' points out of the tree");
                }

                Put(archive, hostPath, new ArchiveNode(HostEntryKind.Symlink) { LinkTarget = target });
                break;
            case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                break;
            default:
                throw Refused(archive, $"entry '{DisplayText.Shorten(entry.Name)}' is a {EntryTypeName(entry.EntryType)}, which a snapshot never holds");
        }
    }

    private void Put(string archive, string hostPath, ArchiveNode node)
    {
        var parent = Parent(hostPath);
        EnsureDirectory(archive, parent);
        if (nodes.TryGetValue(hostPath, out var existing) && existing.Kind == HostEntryKind.Directory)
        {
            throw NotASnapshot(archive, $"'{DisplayText.Shorten(hostPath)}' is both a directory and a {node.Kind.ToString().ToLowerInvariant()}");
        }

        if (existing is null)
        {
            nodes[parent].Children.Add(hostPath[(hostPath.LastIndexOf('/') + 1)..]);
        }

        nodes[hostPath] = node;
    }

    private void EnsureDirectory(string archive, string hostPath)
    {
        if (hostPath == "/")
        {
            return;
        }

        EnsureDirectory(archive, Parent(hostPath));
        if (nodes.TryGetValue(hostPath, out var existing))
        {
            if (existing.Kind != HostEntryKind.Directory)
            {
                throw NotASnapshot(archive, $"'{DisplayText.Shorten(hostPath)}' is both a {existing.Kind.ToString().ToLowerInvariant()} and a directory");
            }

            return;
        }

        nodes[hostPath] = new ArchiveNode(HostEntryKind.Directory);
        nodes[Parent(hostPath)].Children.Add(hostPath[(hostPath.LastIndexOf('/') + 1)..]);
    }

    private static string Parent(string hostPath)
    {
        int slash = hostPath.LastIndexOf('/');
        return slash <= 0 ? "/" : hostPath[..slash];
    }

    /// <summary>Reads a small file at the archive's root (the metadata), outside the host namespace.</summary>
    public byte[]? ReadMember(string nameAtRoot) => nodes.TryGetValue("/" + nameAtRoot, out var node) && node.Kind == HostEntryKind.File ? node.Content : null;

    protected override NodeInfo Lstat(string canonicalPath) =>
        nodes.TryGetValue(canonicalPath, out var node) ? NodeInfo.Of(node.Kind) : NodeInfo.Missing;

    protected override string ReadLinkTarget(string canonicalPath) => nodes[canonicalPath].LinkTarget ?? "";

    protected override Fact<byte[]> ReadFile(string canonicalPath, string displayPath, int maxBytes)
    {
        var content = nodes[canonicalPath].Content ?? [];
        return content.Length > maxBytes
            ? Fact.Unknown<byte[]>(UnknownKind.Unreadable, $"{displayPath} is larger than {maxBytes} bytes (read bounded)")
            : content;
    }

    protected override Fact<IReadOnlyList<HostEntry>> ListDirectory(string canonicalPath, string displayPath)
    {
        var prefix = canonicalPath == "/" ? "/" : canonicalPath + "/";
        return nodes[canonicalPath].Children
            .Order(StringComparer.Ordinal)
            .Select(child => new HostEntry(child, nodes[prefix + child].Kind))
            .ToList();
    }

    private static AiTuneException NotASnapshot(string path, string why) =>
        new($"{DisplayText.FilePath(path)} is not a valid snapshot archive: {why}", "pass a .tar.gz written by 'aitune snapshot', or a directory holding a host tree");

    /// <summary>An archive that holds what a snapshot never does: a security refusal, not a damaged file, so the hint
    /// says not to trust it rather than to check permissions.</summary>
    private static AiTuneException Refused(string path, string why) =>
        new($"{DisplayText.FilePath(path)} is refused: {why}",
            "'aitune snapshot' never writes such an entry: the archive was made or changed by something else; look at it with 'tar tvzf' before trusting it");

    private static string EntryTypeName(TarEntryType type) => type switch
    {
        TarEntryType.HardLink => "hard link",
        TarEntryType.CharacterDevice => "character device",
        TarEntryType.BlockDevice => "block device",
        TarEntryType.Fifo => "FIFO",
        _ => $"tar entry of type {type}",
    };


    private sealed class ArchiveNode(HostEntryKind kind)
    {
        public HostEntryKind Kind { get; } = kind;

        public byte[]? Content { get; init; }

        public string? LinkTarget { get; init; }

        public List<string> Children { get; } = [];
    }
}
