using System.Formats.Tar;
using System.Text;
using AiTune.Lab.Compression;

namespace AiTune.Lab.Packages;

/// <summary>
/// A Debian binary package (deb(5)): an ar archive of "debian-binary" ("2.x"), control.tar[.gz|.xz|.zst] and
/// data.tar[.gz|.xz|.zst], in that order (members starting with '_' may sit between them and are passed over). The
/// tars are streamed through <see cref="Decompression"/> and <see cref="TarReader"/>, never copied out whole. Every
/// problem with the file is an <see cref="AiTuneException"/> that names it.
/// </summary>
public sealed class DebianPackage
{
    /// <summary>Enough of an image for its boot header and the version string it points to (x86: at most 0x200 +
    /// 0xFFFF; arm64: 64 bytes).</summary>
    public const int ImageHeadBytes = 80 * 1024;

    /// <summary>A kernel config is about 300 KiB; a control file a few KiB.</summary>
    private const int MaxSmallFileBytes = 16 << 20;

    /// <summary>Bounds what data.tar may expand to: Debian's 6.12 kernel package holds about 600 MB.</summary>
    public const long MaxDataBytes = 8L << 30;

    private const long MaxControlBytes = 64 << 20;

    private DebianPackage(string path, PackageControl control)
    {
        FilePath = path;
        Control = control;
    }

    public string FilePath { get; }

    public PackageControl Control { get; }

    /// <summary>Words for messages: the file's name.</summary>
    public string Description => Path.GetFileName(FilePath);

    /// <summary>True when the file starts with the ar magic (whatever it is named).</summary>
    public static bool LooksLikePackage(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[8];
        int read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return ArArchiveReader.HasMagic(head[..read]);
    }

    /// <summary>Opens the package and reads its control file.</summary>
    public static DebianPackage Open(string path)
    {
        var name = Path.GetFileName(path);
        PackageControl? control = null;
        Guard(name, () =>
        {
            using var file = OpenFile(path);
            using var ar = new ArArchiveReader(file, name);
            var member = ExpectControl(ar, name);
            using var tar = OpenTar(member, name, MaxControlBytes);
            var reader = new TarReader(tar, leaveOpen: true);
            while (reader.GetNextEntry() is { } entry)
            {
                if (PackagePath.Normalize(entry.Name, member.Name + " of " + name) == "control" && IsRegular(entry))
                {
                    control = PackageControl.Parse(Encoding.UTF8.GetString(ReadBounded(entry, MaxSmallFileBytes, name)), name);
                    break;
                }
            }

            if (control is null)
            {
                throw new InvalidDataException($"{member.Name} of {name} holds no control file");
            }
        });
        return new DebianPackage(path, control!);
    }

    /// <summary>The kernel's configuration and the head of its image, reading data.tar only until both are found
    /// (Debian writes boot/ first, so a 70 MB package costs a few MB of decompression, not its 400 MB).</summary>
    public KernelPackageHead ReadKernelHead()
    {
        KernelPackageHead? head = null;
        Guard(Description, () =>
        {
            string? imageName = null, release = null, configName = null;
            byte[]? image = null, config = null;
            long imageLength = 0;
            ForEachDataEntry((name, entry) =>
            {
                if (!IsRegular(entry))
                {
                    return true;
                }

                if (image is null && name.StartsWith("boot/vmlinuz-", StringComparison.Ordinal) && name.IndexOf('/', 5) < 0)
                {
                    imageName = name;
                    release = name["boot/vmlinuz-".Length..];
                    imageLength = entry.Length;
                    image = ReadHead(entry, ImageHeadBytes);
                }
                else if (config is null && IsConfigName(name))
                {
                    configName = name;
                    config = ReadBounded(entry, MaxSmallFileBytes, Description);
                }

                return image is null || config is null;
            });

            if (image is null)
            {
                throw new AiTuneException($"{Description} holds no kernel: there is no boot/vmlinuz-* in it",
                    "give the linux-image-* package itself (not linux-headers, a meta package or a modules package)");
            }

            if (config is null)
            {
                throw new AiTuneException($"{Description} holds the kernel image {imageName} but no configuration (boot/config-{release})",
                    "aitune reads each kernel's facts from its build configuration; use a package that ships it, or an extracted tree with boot/config-RELEASE");
            }

            head = new KernelPackageHead(Control, release!, imageName!, image, imageLength, configName!, config);
        });
        return head!;
    }

    /// <summary>Writes boot/** and lib/modules/** (usr/lib/modules/** as lib/modules/**) into a new directory
    /// <paramref name="destination"/>, through a temporary directory beside it renamed into place at the end: a
    /// failure leaves no directory behind. Refuses the whole package at the first unsafe entry.</summary>
    public void ExtractKernelTree(string destination, long maxTotalBytes = SafeTreeWriter.DefaultMaxTotalBytes)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Join(parent, $".{Path.GetFileName(destination)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            var writer = new SafeTreeWriter(temporary, maxTotalBytes, Description);
            Guard(Description, () =>
            {
                ForEachDataEntry((name, entry) =>
                {
                    if (PackagePath.KernelTreeName(name) is not { } kept)
                    {
                        CheckType(entry, name);
                        return true;
                    }

                    switch (entry.EntryType)
                    {
                        case TarEntryType.Directory:
                            writer.AddDirectory(kept);
                            break;
                        case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                            writer.AddFile(kept, entry.DataStream ?? Stream.Null, entry.Mode);
                            break;
                        case TarEntryType.SymbolicLink:
                            writer.AddSymbolicLink(kept, entry.LinkName);
                            break;
                        default:
                            CheckType(entry, name);
                            break;
                    }

                    return true;
                });
                writer.Finish();
            });
            Directory.Move(temporary, destination);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true); // removes links, never follows them
            }
        }
    }

    private void CheckType(TarEntry entry, string name)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.HardLink:
                throw new InvalidDataException($"{Description} holds a hard link ({PackagePath.Shown(name)}); aitune does not extract hard links from packages");
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                throw new InvalidDataException($"{Description} holds a device node or FIFO ({PackagePath.Shown(name)}); a kernel package has none");
            case TarEntryType.SymbolicLink:
                SafeTreeWriter.CheckLinkTarget(name, entry.LinkName, Description);
                break;
            case TarEntryType.Directory or TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile
                or TarEntryType.GlobalExtendedAttributes:
                break;
            default:
                throw new InvalidDataException($"{Description} holds an entry of a kind aitune does not extract ({entry.EntryType}: {PackagePath.Shown(name)})");
        }
    }

    private static bool IsConfigName(string name) =>
        (name.StartsWith("boot/config-", StringComparison.Ordinal) && name.IndexOf('/', 5) < 0)
        || (name.StartsWith("lib/modules/", StringComparison.Ordinal) && name.EndsWith("/config", StringComparison.Ordinal) && name.Count(c => c == '/') == 3)
        || (name.StartsWith("usr/lib/modules/", StringComparison.Ordinal) && name.EndsWith("/config", StringComparison.Ordinal) && name.Count(c => c == '/') == 4);

    /// <summary>Walks data.tar's entries with their checked names until <paramref name="visit"/> returns false.</summary>
    private void ForEachDataEntry(Func<string, TarEntry, bool> visit)
    {
        using var file = OpenFile(FilePath);
        using var ar = new ArArchiveReader(file, Description);
        var control = ExpectControl(ar, Description);
        _ = control;
        ArMember? data;
        do
        {
            data = ar.Next();
        }
        while (data is not null && data.Name.StartsWith('_'));

        if (data is null || !IsTarMember(data.Name, "data"))
        {
            throw new InvalidDataException($"{Description} has no data.tar member after control.tar");
        }

        // A download cut short shows here at once, before listing reads only the front of data.tar and stops.
        if (file.Length - file.Position < data.SizeBytes)
        {
            throw new InvalidDataException($"{Description} is truncated: {data.Name} declares {data.SizeBytes} bytes, and only {file.Length - file.Position} follow its header");
        }

        using var tar = OpenTar(data, Description, MaxDataBytes);
        var reader = new TarReader(tar, leaveOpen: true);
        var what = data.Name + " of " + Description;
        while (reader.GetNextEntry() is { } entry)
        {
            var name = PackagePath.Normalize(entry.Name, what);
            if (name.Length == 0)
            {
                continue;
            }

            if (!visit(name, entry))
            {
                return;
            }
        }
    }

    private static ArMember ExpectControl(ArArchiveReader ar, string name)
    {
        var first = ar.Next() ?? throw new InvalidDataException($"{name} is an empty ar archive, not a Debian package");
        if (first.Name != "debian-binary")
        {
            throw new InvalidDataException($"{name} is an ar archive but not a Debian package (its first member is not debian-binary)");
        }

        var version = new byte[Math.Min(first.SizeBytes, 64)];
        first.Content.ReadExactly(version);
        var text = Encoding.ASCII.GetString(version).Trim();
        if (!text.StartsWith("2.", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name} is Debian package format \"{PackagePath.Shown(text)}\", not 2.x");
        }

        ArMember? control;
        do
        {
            control = ar.Next();
        }
        while (control is not null && control.Name.StartsWith('_'));

        if (control is null || !IsTarMember(control.Name, "control"))
        {
            throw new InvalidDataException($"{name} has no control.tar member after debian-binary");
        }

        return control;
    }

    private static bool IsTarMember(string name, string stem) =>
        name == stem + ".tar" || name == stem + ".tar.gz" || name == stem + ".tar.xz" || name == stem + ".tar.zst";

    private static Stream OpenTar(ArMember member, string package, long maxBytes)
    {
        var peeked = PeekedStream.Peek(member.Content, Decompression.MagicLength, out var head);
        return Decompression.Open(peeked, Decompression.Detect(head), maxBytes, $"{member.Name} of {package}");
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AiTuneException($"cannot read {path}: {e.Message}", "check the path and its permissions");
        }
    }

    private static bool IsRegular(TarEntry entry) =>
        entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;

    private static byte[] ReadBounded(TarEntry entry, int maxBytes, string package)
    {
        if (entry.Length > maxBytes)
        {
            throw new InvalidDataException($"{PackagePath.Shown(entry.Name)} in {package} is {entry.Length} bytes, more than the {maxBytes} allowed");
        }

        var bytes = new byte[entry.Length];
        (entry.DataStream ?? Stream.Null).ReadExactly(bytes);
        return bytes;
    }

    private static byte[] ReadHead(TarEntry entry, int count)
    {
        var bytes = new byte[Math.Min(entry.Length, count)];
        (entry.DataStream ?? Stream.Null).ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Turns whatever bad data makes the readers throw (the ar reader, a decoder, TarReader, a stream that
    /// ends early) into one <see cref="AiTuneException"/> about the package.</summary>
    private static void Guard(string name, Action action)
    {
        try
        {
            action();
        }
        catch (AiTuneException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or NotSupportedException)
        {
            throw new AiTuneException($"{name} is not a valid Debian package: {e.Message.TrimEnd('.')}",
                "give a linux-image-*.deb as apt-get download fetched it; a truncated download or a hostile package is refused");
        }
    }
}
