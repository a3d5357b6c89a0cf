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
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    return Fact.Unknown<byte[]>(UnknownKind.Unreadable, $"{path} decompresses to more than {maxBytes >> 20} MiB (not read further)");
                }

                output.Write(buffer, 0, read);
            }

            // GZipStream reads a truncated or foreign stream as empty rather than failing.
            if (output.Length == 0 && compressed.Length > 0)
            {
                return Fact.Unknown<byte[]>(UnknownReason.Malformed(path, HasGzipMagic(compressed) ? "a gzip stream with no data (truncated?)" : "not gzip data"));
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return Fact.Unknown<byte[]>(UnknownReason.Malformed(path, "not valid gzip data (corrupt or truncated)"));
        }
    }

    private static bool HasGzipMagic(byte[] data) => data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}
