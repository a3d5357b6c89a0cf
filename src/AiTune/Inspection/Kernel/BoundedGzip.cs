using System.Buffers;
using System.IO.Compression;
using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>Decompresses gzip data (/proc/config.gz) with a hard bound on the output, so a gzip bomb in a host tree
/// is an unreadable file, not an exhausted machine.</summary>
public static class BoundedGzip
{
    /// <summary>A kernel config is about 300 KiB uncompressed; 16 MiB leaves room for any real one.</summary>
    public const int DefaultMaxBytes = 16 << 20;

    /// <summary>Decompressed data as it comes; the chunk is valid only during the call.</summary>
    public delegate void ChunkReader(ReadOnlySpan<byte> chunk);

    /// <summary>Chunks of this size, on the stack: the data is never held whole.</summary>
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Hands the data to <paramref name="read"/> a chunk at a time. Null when all of it was read; otherwise
    /// why not, and the chunks handed out so far are to be thrown away (the data was corrupt, or longer than
    /// <paramref name="maxBytes"/>: a bomb is cut off at the bound, never decompressed whole).</summary>
    public static UnknownReason? Decompress(byte[] compressed, string path, ChunkReader read, int maxBytes = DefaultMaxBytes)
    {
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            Span<byte> chunk = stackalloc byte[ChunkBytes];
            long total = 0;
            while (true)
            {
                int got = gzip.Read(chunk);
                if (got == 0)
                {
                    break;
                }

                total += got;
                if (total > maxBytes)
                {
                    return new UnknownReason(UnknownKind.Unreadable, $"{path} decompresses to more than {maxBytes >> 20} MiB (not read further)");
                }

                read(chunk[..got]);
            }

            // GZipStream reads a truncated or foreign stream as empty rather than failing.
            if (total == 0 && compressed.Length > 0)
            {
                return UnknownReason.Malformed(path, HasGzipMagic(compressed) ? "a gzip stream with no data (truncated?)" : "not gzip data");
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return UnknownReason.Malformed(path, "not valid gzip data (corrupt or truncated)");
        }
    }

    /// <summary>The data whole (tests, and callers that need it as one array).</summary>
    internal static Fact<byte[]> Decompress(byte[] compressed, string path, int maxBytes = DefaultMaxBytes)
    {
        var whole = new ArrayBufferWriter<byte>();
        var failure = Decompress(compressed, path, chunk => whole.Write(chunk), maxBytes);
        return failure is null ? whole.WrittenSpan.ToArray() : Fact.Unknown<byte[]>(failure);
    }

    private static bool HasGzipMagic(byte[] data) => data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}
