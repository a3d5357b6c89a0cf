using System.Buffers;
using System.Globalization;
using System.Text;

namespace AiTune.Lab.Image;

/// <summary>
/// Writes a newc ("070701") cpio archive, the format the kernel unpacks into its initramfs (init/initramfs.c).
/// Entries go to the stream as they are added, in order; a missing parent directory is added first (mode 0755), so
/// the kernel always creates a directory before what it holds. The output is deterministic: uid, gid and mtime are 0
/// and inode numbers count up from 1. Uncompressed on purpose: under TCG the guest's emulated CPU would spend seconds
/// of every boot decompressing it.
/// </summary>
public sealed class CpioWriter : IDisposable
{
    /// <summary>The kernel refuses names longer than PATH_MAX (4096, counting the terminating NUL).</summary>
    public const int MaxNameBytes = 4095;

    /// <summary>Every size field is eight hex digits.</summary>
    public const long MaxFileBytes = uint.MaxValue;

    /// <summary>The kernel packs the device number into 32 bits as MKDEV: 12 bits of major, 20 of minor.</summary>
    public const uint MaxDeviceMajor = (1u << 12) - 1;

    public const uint MaxDeviceMinor = (1u << 20) - 1;

    internal const string Magic = "070701";
    internal const string TrailerName = "TRAILER!!!";
    internal const int HeaderBytes = 110;

    private const uint TypeDirectory = 0x4000;
    private const uint TypeRegular = 0x8000;
    private const uint TypeSymlink = 0xA000;
    private const uint TypeCharacterDevice = 0x2000;
    private const uint PermissionBits = 0xFFF; // 07777: rwx for all three, setuid, setgid, sticky
    private const uint DefaultDirectoryMode = 0x1ED; // 0755

    private readonly Stream output;
    private readonly Dictionary<string, CpioEntryKind> written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint> directoryModes = new(StringComparer.Ordinal);
    private uint nextInode = 1;
    private bool finished;

    /// <param name="output">Where the archive goes; not disposed by this writer.</param>
    public CpioWriter(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        this.output = output;
    }

    /// <summary>The bytes written so far (all of the archive after <see cref="Finish"/>).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>The names written so far, in order, parents added for them included.</summary>
    public IReadOnlyCollection<string> Names => written.Keys;

    /// <summary>A directory. Adding one that is already there (as a parent added for an earlier entry) with the same
    /// mode does nothing; another mode is an error, since its header already went out: add such a directory first.</summary>
    public void AddDirectory(string name, UnixFileMode mode = (UnixFileMode)DefaultDirectoryMode)
    {
        Validate(name);
        uint permissions = Permissions(mode);
        if (written.TryGetValue(name, out var kind))
        {
            if (kind == CpioEntryKind.Directory && directoryModes[name] == permissions)
            {
                return;
            }

            throw Duplicate(name);
        }

        AddParents(name);
        WriteEntry(name, TypeDirectory | permissions, nlink: 2, 0, 0, ReadOnlySpan<byte>.Empty, CpioEntryKind.Directory);
        directoryModes.Add(name, permissions);
    }

    // Every Add checks everything it can before AddParents writes anything: a refused entry leaves no trace.

    /// <summary>A regular file holding <paramref name="content"/>.</summary>
    public void AddFile(string name, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        Validate(name);
        uint permissions = Permissions(mode);
        RequireNew(name);
        AddParents(name);
        WriteEntry(name, TypeRegular | permissions, nlink: 1, 0, 0, content, CpioEntryKind.RegularFile);
    }

    /// <summary>A regular file holding what <paramref name="hostPath"/> holds, copied without loading it whole. A
    /// file that changes size while it is copied is an error, not a corrupt archive.</summary>
    public void AddFileFrom(string name, string hostPath, UnixFileMode mode)
    {
        Validate(name);
        uint permissions = Permissions(mode);
        RequireNew(name);
        using var source = new FileStream(hostPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        long length = source.Length;
        if (length > MaxFileBytes)
        {
            throw new AiTuneException($"{hostPath} is {length} bytes; a cpio archive holds files of at most {MaxFileBytes} bytes", "leave that file out of the guest image");
        }

        AddParents(name);
        WriteHeader(name, TypeRegular | permissions, nlink: 1, (uint)length, 0, 0);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long left = length;
            while (left > 0)
            {
                int read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0)
                {
                    throw new AiTuneException($"{hostPath} became shorter while aitune copied it into the guest image", "run again when nothing is writing that file");
                }

                Write(buffer.AsSpan(0, read));
                left -= read;
            }

            if (source.Read(buffer, 0, 1) != 0)
            {
                throw new AiTuneException($"{hostPath} grew while aitune copied it into the guest image", "run again when nothing is writing that file");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Pad();
        written.Add(name, CpioEntryKind.RegularFile);
    }

    /// <summary>A symbolic link to <paramref name="target"/>, stored as given (the guest resolves it, not the host).</summary>
    public void AddSymlink(string name, string target)
    {
        Validate(name);
        ArgumentException.ThrowIfNullOrEmpty(target);
        if (target.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"the link target of {name} holds a NUL byte", nameof(target));
        }

        RequireNew(name);
        AddParents(name);
        WriteEntry(name, TypeSymlink | 0x1FF, nlink: 1, 0, 0, Encoding.UTF8.GetBytes(target), CpioEntryKind.Symlink);
    }

    /// <summary>A character device node (the initramfs needs /dev/console, 5:1, before devtmpfs is mounted, or
    /// PID 1 starts without a console).</summary>
    public void AddCharacterDevice(string name, uint major, uint minor, UnixFileMode mode)
    {
        Validate(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(major, MaxDeviceMajor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minor, MaxDeviceMinor);
        uint permissions = Permissions(mode);
        RequireNew(name);
        AddParents(name);
        WriteEntry(name, TypeCharacterDevice | permissions, nlink: 1, major, minor, ReadOnlySpan<byte>.Empty, CpioEntryKind.CharacterDevice);
    }

    /// <summary>Writes the trailer; nothing can be added after it.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(finished, this);
        WriteHeader(TrailerName, 0, nlink: 1, 0, 0, 0, inode: 0);
        finished = true;
    }

    public void Dispose() => finished = true;

    /// <summary>Why <paramref name="name"/> cannot name an entry, or null when it can: a relative path of non-empty
    /// components, none of them "." or "..", without NUL, not the trailer's name, and short enough for the kernel.</summary>
    public static string? Problem(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "the name is empty";
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return "the name holds a NUL byte";
        }

        if (name[0] == '/')
        {
            return "the name is absolute (an initramfs names its entries relative to its root)";
        }

        if (name == TrailerName)
        {
            return "the name is the trailer's, which would end the archive there";
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            return $"the name is longer than {MaxNameBytes} bytes";
        }

        foreach (var component in name.Split('/'))
        {
            if (component.Length == 0)
            {
                return "the name has an empty component (a doubled or trailing '/')";
            }

            if (component is "." or "..")
            {
                return $"the name has a '{component}' component";
            }
        }

        return null;
    }

    private void Validate(string name)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        ArgumentNullException.ThrowIfNull(name);
        if (Problem(name) is { } problem)
        {
            throw new ArgumentException($"cannot add '{name}' to the cpio archive: {problem}", nameof(name));
        }
    }

    private void RequireNew(string name)
    {
        if (written.ContainsKey(name))
        {
            throw Duplicate(name);
        }
    }

    private static ArgumentException Duplicate(string name) =>
        new($"cannot add '{name}' to the cpio archive: it is already there", nameof(name));

    private void AddParents(string name)
    {
        for (int slash = name.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = name.IndexOf('/', slash + 1))
        {
            string parent = name[..slash];
            if (written.TryGetValue(parent, out var kind))
            {
                if (kind != CpioEntryKind.Directory)
                {
                    throw new ArgumentException($"cannot add '{name}' to the cpio archive: '{parent}' is a {kind}, not a directory", nameof(name));
                }

                continue;
            }

            WriteEntry(parent, TypeDirectory | DefaultDirectoryMode, nlink: 2, 0, 0, ReadOnlySpan<byte>.Empty, CpioEntryKind.Directory);
            directoryModes.Add(parent, DefaultDirectoryMode);
        }
    }

    private static uint Permissions(UnixFileMode mode)
    {
        uint bits = (uint)mode;
        return (bits & ~PermissionBits) == 0 ? bits : throw new ArgumentOutOfRangeException(nameof(mode), mode, "only permission bits (07777)");
    }

    private void WriteEntry(string name, uint mode, uint nlink, uint rdevMajor, uint rdevMinor, ReadOnlySpan<byte> content, CpioEntryKind kind)
    {
        WriteHeader(name, mode, nlink, (uint)content.Length, rdevMajor, rdevMinor);
        Write(content);
        Pad();
        written.Add(name, kind);
    }

    private void WriteHeader(string name, uint mode, uint nlink, uint fileSize, uint rdevMajor, uint rdevMinor, uint? inode = null)
    {
        if (inode is null && nextInode == uint.MaxValue)
        {
            throw new InvalidOperationException("a cpio archive numbers at most 2^32 - 2 entries");
        }

        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        var header = new StringBuilder(HeaderBytes);
        header.Append(Magic);
        foreach (uint field in (ReadOnlySpan<uint>)[inode ?? nextInode++, mode, 0, 0, nlink, 0, fileSize, 0, 0, rdevMajor, rdevMinor, (uint)nameBytes.Length + 1, 0])
        {
            header.Append(field.ToString("X8", CultureInfo.InvariantCulture));
        }

        Write(Encoding.ASCII.GetBytes(header.ToString()));
        Write(nameBytes);
        Write([0]);
        Pad();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        BytesWritten += bytes.Length;
    }

    /// <summary>Names and data each end on a 4-byte boundary of the archive.</summary>
    private void Pad()
    {
        int padding = (int)((4 - (BytesWritten & 3)) & 3);
        Write(stackalloc byte[padding]);
    }
}
