using System.Text;

namespace AiTune.Lab.Packages;

/// <summary>
/// Reads an ar archive (the container of a Debian package, deb(5)) front to back: the global header "!&lt;arch&gt;\n",
/// then members, each a 60-byte header (name 16, mtime 12, uid 6, gid 6, mode 8, size 10, all ASCII padded with
/// spaces, then the terminator "`\n") followed by its data and one byte of padding when the size is odd. Strict,
/// because a package is untrusted input: a bad header, a size over the bound, a name that is not a plain file name
/// (no '/', no "..", printable ASCII), or an archive that ends early is an <see cref="InvalidDataException"/>.
/// </summary>
public sealed class ArArchiveReader : IDisposable
{
    public const int HeaderLength = 60;

    /// <summary>Far above any kernel package member (Debian's largest kernel data.tar is about 110 MB).</summary>
    public const long DefaultMaxMemberBytes = 4L << 30;

    private static ReadOnlySpan<byte> GlobalHeader => "!<arch>\n"u8;

    private readonly Stream stream;
    private readonly string what;
    private readonly long maxMemberBytes;
    private BoundedReadStream? current;
    private bool started;
    private int index;

    /// <param name="what">What the archive is, for messages ("linux-image-….deb").</param>
    public ArArchiveReader(Stream stream, string what, long maxMemberBytes = DefaultMaxMemberBytes)
    {
        this.stream = stream;
        this.what = what;
        this.maxMemberBytes = maxMemberBytes;
    }

    /// <summary>True when <paramref name="head"/> starts with the ar magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> head) => head.StartsWith(GlobalHeader);

    /// <summary>The next member, or null at the end of the archive; the previous member's content is skipped.</summary>
    public ArMember? Next()
    {
        if (!started)
        {
            started = true;
            Span<byte> magic = stackalloc byte[GlobalHeader.Length];
            if (ReadFully(magic) != magic.Length || !magic.SequenceEqual(GlobalHeader))
            {
                throw new InvalidDataException($"{what} is not an ar archive (no \"!<arch>\" header)");
            }
        }

        if (current is not null)
        {
            current.SkipRest();
            if (current.Length % 2 == 1)
            {
                Span<byte> pad = stackalloc byte[1];
                if (ReadFully(pad) == 0)
                {
                    return null; // some writers omit the last member's padding
                }

                if (pad[0] != (byte)'\n')
                {
                    throw new InvalidDataException($"{what}: the padding after member {index} is not a newline");
                }
            }
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        int read = ReadFully(header);
        if (read == 0)
        {
            current = null;
            return null;
        }

        index++;
        if (read < HeaderLength)
        {
            throw new InvalidDataException($"{what} is truncated in the header of member {index}");
        }

        if (header[58] != (byte)'`' || header[59] != (byte)'\n')
        {
            throw new InvalidDataException($"{what}: member {index} has no valid ar header (bad terminator)");
        }

        string name = Name(header[..16]);
        long size = Size(header[48..58]);
        current = new BoundedReadStream(stream, size, $"member {name} of {what}");
        return new ArMember(name, size, current);
    }

    private string Name(ReadOnlySpan<byte> field)
    {
        var trimmed = field.TrimEnd((byte)' ');
        if (trimmed.Length > 1 && trimmed[^1] == '/')
        {
            trimmed = trimmed[..^1]; // GNU ar ends names with '/'
        }

        foreach (byte c in trimmed)
        {
            if (c <= ' ' || c > '~' || c == '/')
            {
                throw new InvalidDataException($"{what}: member {index} has a name that is not a plain file name");
            }
        }

        if (trimmed.IsEmpty || trimmed.SequenceEqual("."u8) || trimmed.SequenceEqual(".."u8))
        {
            throw new InvalidDataException($"{what}: member {index} has a name that is not a plain file name");
        }

        return Encoding.ASCII.GetString(trimmed);
    }

    private long Size(ReadOnlySpan<byte> field)
    {
        var digits = field.TrimEnd((byte)' ');
        long size = 0;
        if (digits.IsEmpty)
        {
            throw new InvalidDataException($"{what}: member {index} has no size");
        }

        foreach (byte c in digits)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                throw new InvalidDataException($"{what}: member {index} has a size that is not a decimal number");
            }

            size = size * 10 + (c - '0'); // at most 10 digits: no overflow
        }

        if (size > maxMemberBytes)
        {
            throw new InvalidDataException($"{what}: member {index} declares {size} bytes, more than the {maxMemberBytes} allowed");
        }

        return size;
    }

    /// <summary>Ends the current member's window; the archive's stream is the caller's to dispose.</summary>
    public void Dispose() => current?.Dispose();

    private int ReadFully(Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
