namespace AiTune.Lab.Compression;

/// <summary>A read-only stream over a decoder that stops at a byte bound and turns whatever the decoder throws on bad
/// input (SharpCompress has its own exception types, .NET's gzip throws InvalidDataException, a truncated xz
/// stream may end in an EndOfStreamException) into one <see cref="InvalidDataException"/> that names the data.</summary>
internal sealed class CheckedDecompressionStream(Stream decoder, CompressionFormat format, long maxBytes, string what) : Stream
{
    private long produced;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => produced; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = decoder.Read(buffer);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{what} is not valid {Name(format)} data ({e.Message.TrimEnd('.')})", e);
        }

        produced += read;
        if (produced > maxBytes)
        {
            throw new InvalidDataException($"{what} decompresses to more than {maxBytes} bytes (not read further)");
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decoder.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string Name(CompressionFormat format) => format switch
    {
        CompressionFormat.Gzip => "gzip",
        CompressionFormat.Xz => "xz",
        CompressionFormat.Zstd => "zstd",
        _ => "uncompressed",
    };
}
