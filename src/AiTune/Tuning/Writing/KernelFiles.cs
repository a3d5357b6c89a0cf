using System.Text;
using AiTune.Facts;
using AiTune.Interop;
using AiTune.Text;

namespace AiTune.Tuning.Writing;

/// <summary>
/// <see cref="IKernelFiles"/> over a root directory: "/" for the live host, a scratch tree in tests (where the same
/// host paths are plain files). Every operation resolves the path inside the root without leaving it
/// (<see cref="InRootResolver"/>), pins the file with O_PATH, refuses anything that is not a regular file (sysfs and
/// procfs attributes are regular files; a FIFO or a device planted at a knob path is not), checks the resolved path
/// against <see cref="KnobLocator.IsAllowed"/>, and only then opens that same file for I/O. Nothing is ever created:
/// a knob file that does not exist is an answer, not something to make.
/// </summary>
public sealed class KernelFiles : IKernelFiles
{
    /// <summary>The value and its newline fit one page: procfs and sysfs hand a store at most a page per write(2),
    /// and a value split over two writes would be parsed as two values.</summary>
    public const int MaxValueBytes = 4095;

    /// <summary>Far above any knob file (the longest, scaling_available_governors and the like, are under 200 bytes).</summary>
    private const int MaxReadBytes = 64 * 1024;

    [ThreadStatic]
    private static byte[]? scratch;

    private const string PathHint = "this is a bug in aitune or a hostile profile or host tree: knob paths come from KnobLocator";

    private readonly bool useOpenat2;

    /// <param name="rootDirectory">"/" for the live host, or the directory holding a host tree.</param>
    public KernelFiles(string rootDirectory)
        : this(rootDirectory, useOpenat2: true)
    {
    }

    /// <param name="useOpenat2">False forces the component walk that stands in for openat2 on kernels before 5.6.</param>
    internal KernelFiles(string rootDirectory, bool useOpenat2)
    {
        RootDirectory = Path.GetFullPath(rootDirectory);
        this.useOpenat2 = useOpenat2;
    }

    public string RootDirectory { get; }

    public Fact<string> Read(string hostPath)
    {
        if (PathError(hostPath) is { } error)
        {
            return Fact.Unknown<string>(UnknownKind.Malformed, error);
        }

        if (!KnobLocator.IsAllowed(hostPath))
        {
            return Fact.Unknown<string>(UnknownKind.Unreadable, $"{hostPath} is not a knob file (aitune reads and writes only those)");
        }

        using var pinned = InRootResolver.Pin(RootDirectory, hostPath, useOpenat2, out int errno);
        if (pinned is null)
        {
            return Fact.Unknown<string>(ReadFailure(hostPath, errno));
        }

        if (Refusal(pinned, hostPath) is { } refusal)
        {
            return Fact.Unknown<string>(UnknownKind.Unreadable, refusal);
        }

        int fd = pinned.Reopen(Posix.ORdOnly);
        if (fd < 0)
        {
            return Fact.Unknown<string>(ReadFailure(hostPath, Posix.LastError));
        }

        try
        {
            return ReadAll(fd, hostPath);
        }
        finally
        {
            Posix.Close(fd);
        }
    }

    public WriteOutcome Write(string hostPath, string value)
    {
        byte[] content = ValidateValue(hostPath, value);
        RequireKnobPath(hostPath);
        using var pinned = InRootResolver.Pin(RootDirectory, hostPath, useOpenat2, out int errno);
        if (pinned is null)
        {
            return WriteOutcome.Rejected(errno, errno is Posix.ENOENT or Posix.ENOTDIR
                ? $"{hostPath} does not exist ({Posix.ErrnoName(errno)})"
                : $"{Posix.Describe(errno)} looking up {hostPath}");
        }

        RequireWritableTarget(pinned, hostPath);
        int fd = pinned.Reopen(Posix.OWrOnly | Posix.OTrunc);
        if (fd < 0)
        {
            errno = Posix.LastError;
            return WriteOutcome.Rejected(errno, $"{Posix.Describe(errno)} opening {hostPath} for writing");
        }

        try
        {
            nint written = WriteOnce(fd, content);
            if (written < 0)
            {
                errno = Posix.LastError;
                return WriteOutcome.Rejected(errno, $"{Posix.Describe(errno)} writing '{value}' to {hostPath}");
            }

            return written == content.Length
                ? WriteOutcome.Written
                : WriteOutcome.Rejected(0, $"the kernel took {written} of the {content.Length} bytes of '{value}' written to {hostPath}");
        }
        finally
        {
            Posix.Close(fd);
        }
    }

    public Writability CheckWritable(string hostPath)
    {
        RequireKnobPath(hostPath);
        using var pinned = InRootResolver.Pin(RootDirectory, hostPath, useOpenat2, out int errno);
        if (pinned is null)
        {
            return errno switch
            {
                Posix.ENOENT or Posix.ENOTDIR => Writability.Missing,
                Posix.EACCES or Posix.EPERM => Writability.PermissionDenied,
                _ => throw new AiTuneException($"cannot look up {hostPath} under {RootDirectory}: {Posix.Describe(errno)}", PathHint),
            };
        }

        RequireWritableTarget(pinned, hostPath);

        // access(2) would say yes to root for a 0444 sysfs attribute that the kernel refuses to open for writing,
        // so ask the open itself; without a write(2), no store handler runs and nothing changes.
        int fd = pinned.Reopen(Posix.OWrOnly);
        if (fd >= 0)
        {
            Posix.Close(fd);
            return Writability.Writable;
        }

        errno = Posix.LastError;
        return errno switch
        {
            Posix.EROFS => Writability.ReadOnlyFileSystem,
            Posix.EACCES or Posix.EPERM => Writability.PermissionDenied,
            Posix.ENOENT => Writability.Missing,
            _ => throw new AiTuneException($"cannot open {hostPath} for writing: {Posix.Describe(errno)}",
                "the kernel refused the file itself; check dmesg and whether the device or driver behind it is present"),
        };
    }

    /// <summary>The bytes of one write(2): the value and a newline. Control characters are refused rather than
    /// stripped: a newline inside a value would be a second value to the kernel, and a value aitune did not mean to
    /// write is never written.</summary>
    private static byte[] ValidateValue(string hostPath, string value)
    {
        int control = value.AsSpan().IndexOfAnyInRange('\0', '\x1f');
        if (control < 0)
        {
            control = value.AsSpan().IndexOfAnyInRange('\x7f', '\x9f');
        }

        if (control >= 0)
        {
            throw new AiTuneException(
                $"refusing to write to {hostPath}: the value has a control character (U+{(int)value[control]:X4}) at position {control}",
                "knob values are single lines of printable text; fix the profile value");
        }

        byte[] content = Encoding.UTF8.GetBytes(value + "\n");
        if (content.Length > MaxValueBytes + 1)
        {
            throw new AiTuneException($"refusing to write to {hostPath}: the value is {content.Length - 1} bytes, over {MaxValueBytes}",
                "no kernel knob takes a value this long; fix the profile value");
        }

        return content;
    }

    private static void RequireKnobPath(string hostPath)
    {
        if (PathError(hostPath) is { } error)
        {
            throw new AiTuneException($"refusing the kernel file path: {error}", PathHint);
        }

        if (!KnobLocator.IsAllowed(hostPath))
        {
            throw new AiTuneException($"refusing to write {hostPath}: not a knob file aitune may write", PathHint);
        }
    }

    private static void RequireWritableTarget(PinnedFile pinned, string hostPath)
    {
        if (Refusal(pinned, hostPath) is { } refusal)
        {
            throw new AiTuneException($"refusing to write: {refusal}",
                "the host tree holds something other than the kernel's file at this path; inspect it before tuning");
        }
    }

    /// <summary>Why a pinned file must not be touched, or null: not a regular file, or a path that resolved,
    /// through links, to a file outside the allow-list.</summary>
    private static string? Refusal(PinnedFile pinned, string hostPath)
    {
        if (pinned.Type != Posix.TypeRegular)
        {
            string kind = pinned.Type switch
            {
                Posix.TypeSymlink => "a symbolic link",
                Posix.TypeDirectory => "a directory",
                _ => "a FIFO, socket or device",
            };
            return $"{hostPath} is {kind}, not a regular file";
        }

        return KnobLocator.IsAllowed(pinned.CanonicalPath)
            ? null
            : $"{hostPath} resolves to {pinned.CanonicalPath}, which is not a knob file";
    }

    /// <summary>Null for a normalized absolute path; otherwise what is wrong with it. "..", "." and empty components
    /// are refused outright rather than normalized: no path aitune builds has them.</summary>
    private static string? PathError(string hostPath)
    {
        if (hostPath.Length is 0 or > 4096 || hostPath[0] != '/' || hostPath.Any(char.IsControl))
        {
            return $"'{DisplayText.Masked(hostPath, 80)}' is not an absolute path of printable characters";
        }

        return hostPath[1..].Split('/').Any(part => part is "" or "." or "..")
            ? $"'{hostPath}' has an empty, '.' or '..' component"
            : null;
    }

    private static UnknownReason ReadFailure(string hostPath, int errno) => errno switch
    {
        Posix.ENOENT or Posix.ENOTDIR => UnknownReason.Absent(hostPath),
        Posix.EACCES or Posix.EPERM => new UnknownReason(UnknownKind.PermissionDenied, $"permission denied reading {hostPath} (needs root)"),
        _ => new UnknownReason(UnknownKind.Unreadable, $"cannot read {hostPath}: {Posix.Describe(errno)}"),
    };

    private static unsafe nint WriteOnce(int fd, byte[] content)
    {
        fixed (byte* p = content)
        {
            return Posix.Write(fd, p, (nuint)content.Length);
        }
    }

    private static unsafe Fact<string> ReadAll(int fd, string hostPath)
    {
        // One buffer per thread for every read: a transaction reads each knob before and after writing it.
        var buffer = scratch ??= new byte[MaxReadBytes + 1];
        int total = 0;
        fixed (byte* p = buffer)
        {
            while (total < buffer.Length)
            {
                nint read = Posix.Read(fd, p + total, (nuint)(buffer.Length - total));
                if (read < 0)
                {
                    return Fact.Unknown<string>(ReadFailure(hostPath, Posix.LastError));
                }

                if (read == 0)
                {
                    break;
                }

                total += (int)read;
            }
        }

        if (total > MaxReadBytes)
        {
            return Fact.Unknown<string>(UnknownKind.Unreadable, $"{hostPath} is larger than {MaxReadBytes} bytes");
        }

        string text = Encoding.UTF8.GetString(buffer, 0, total);
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
