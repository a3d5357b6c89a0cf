using System.Buffers.Binary;
using System.IO.Compression;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;

namespace AiTune.Lab.Compression;

/// <summary>Opens compressed data by its magic number, not its file name (a .deb member or a module may be named
/// for one format and hold another), with a bound on what it may expand to.</summary>
public static class Decompression
{
    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];
    private static ReadOnlySpan<byte> XzMagic => [0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00];
    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xb5, 0x2f, 0xfd];

    /// <summary>The most bytes any magic number needs.</summary>
    public const int MagicLength = 6;

    /// <summary>The format whose magic number <paramref name="head"/> starts with (None for any other data).</summary>
    public static CompressionFormat Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith(XzMagic) ? CompressionFormat.Xz
        : head.StartsWith(ZstdMagic) ? CompressionFormat.Zstd
        : head.StartsWith(GzipMagic) ? CompressionFormat.Gzip
        : CompressionFormat.None;

    /// <summary>A stream of the data <paramref name="compressed"/> holds in <paramref name="format"/>, which reads
    /// no more than <paramref name="maxBytes"/> (a bomb is an error, not a full disk) and reports corrupt or
    /// truncated data as <see cref="InvalidDataException"/> whichever decoder found it. Disposing it disposes
    /// <paramref name="compressed"/>.</summary>
    /// <param name="what">What the data is, for messages ("data.tar.xz of linux-image-….deb").</param>
    public static Stream Open(Stream compressed, CompressionFormat format, long maxBytes, string what)
    {
        Stream decoded = format switch
        {
            CompressionFormat.None => compressed,
            CompressionFormat.Gzip => new GZipStream(compressed, CompressionMode.Decompress),
            CompressionFormat.Xz => new XZStream(compressed),
            CompressionFormat.Zstd => new DecompressionStream(compressed),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        return new CheckedDecompressionStream(decoded, format, maxBytes, what);
    }

    /// <summary>Reads the whole of <paramref name="data"/>, decompressed when its magic number names a format. A
    /// streaming reader of gzip (<see cref="Open"/>) cannot see truncation; what reads the stream (a tar reader)
    /// must find it by its own structure.</summary>
    public static byte[] ReadAll(byte[] data, long maxBytes, string what)
    {
        var format = Detect(data);
        if (format == CompressionFormat.None)
        {
            return data.LongLength <= maxBytes ? data : throw new InvalidDataException($"{what} is larger than {maxBytes} bytes");
        }

        using var stream = Open(new MemoryStream(data, writable: false), format, maxBytes, what);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        // .NET's gzip decoder ends quietly where a truncated stream ends; the trailer's ISIZE (the data's length mod
        // 2^32, RFC 1952) does not match what came out then. (xz and zstd decoders check their own frames.)
        if (format == CompressionFormat.Gzip &&
            (data.Length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(data.Length - 4)) != (uint)output.Length))
        {
            throw new InvalidDataException($"{what} is not valid gzip data (truncated: its trailer does not match the {output.Length} bytes it holds)");
        }

        return output.ToArray();
    }
}
