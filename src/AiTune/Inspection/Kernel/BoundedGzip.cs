using System.Buffers.Binary;
using System.IO.Compression;
using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>Decompresses gzip data (/proc/config.gz) with a hard bound on the output, so a gzip bomb in a host tree
/// is an unreadable file, not an exhausted machine.</summary>
public static class BoundedGzip
{
    /// <summary>A kernel config is about 300 KiB uncompressed; 16 MiB leaves room for any real one.</summary>
    public const int DefaultMaxBytes = 16 << 20;

    public static Fact<byte[]> Decompress(byte[] compressed, string path, int maxBytes = DefaultMaxBytes)
    {
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            // The gzip trailer's last four bytes hold the data's size (mod 2^32, RFC 1952 ISIZE): a hint for one
            // allocation of the right size instead of a growing stream and a copy. A wrong one costs only a resize.
            int hinted = compressed.Length >= 18 ? BinaryPrimitives.ReadInt32LittleEndian(compressed.AsSpan(compressed.Length - 4)) : 0;
            var output = new byte[hinted > 0 && hinted <= maxBytes ? hinted : Math.Min(64 * 1024, maxBytes)];
            int total = 0;
            Span<byte> probe = stackalloc byte[1];
            while (true)
            {
                if (total == output.Length)
                {
                    // Full: one more byte says whether the data ends here (the usual case: the hint was right).
                    if (gzip.Read(probe) == 0)
                    {
                        break;
                    }

                    if (total == maxBytes)
                    {
                        return Fact.Unknown<byte[]>(UnknownKind.Unreadable, $"{path} decompresses to more than {maxBytes >> 20} MiB (not read further)");
                    }

                    Array.Resize(ref output, (int)Math.Min((long)output.Length * 2, maxBytes));
                    output[total++] = probe[0];
                    continue;
                }

                int read = gzip.Read(output, total, output.Length - total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            // GZipStream reads a truncated or foreign stream as empty rather than failing.
            if (total == 0 && compressed.Length > 0)
            {
                return Fact.Unknown<byte[]>(UnknownReason.Malformed(path, HasGzipMagic(compressed) ? "a gzip stream with no data (truncated?)" : "not gzip data"));
            }

            return total == output.Length ? output : output.AsSpan(0, total).ToArray();
        }
        catch (InvalidDataException)
        {
            return Fact.Unknown<byte[]>(UnknownReason.Malformed(path, "not valid gzip data (corrupt or truncated)"));
        }
    }

    private static bool HasGzipMagic(byte[] data) => data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}
