namespace AiTune.Lab.Packages;

/// <summary>A non-seekable stream whose first bytes were read to tell its format by magic number, handed on with
/// those bytes in front again.</summary>
internal sealed class PeekedStream(byte[] head, Stream rest) : Stream
{
    private int headOffset;
    private long position;

    /// <summary>Reads up to <paramref name="count"/> bytes of <paramref name="stream"/> and returns a stream that
    /// yields them again, then the rest.</summary>
    public static PeekedStream Peek(Stream stream, int count, out byte[] head)
    {
        var buffer = new byte[count];
        int total = 0;
        while (total < count)
        {
            int read = stream.Read(buffer, total, count - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        head = buffer[..total];
        return new PeekedStream(head, stream);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    /// <summary>Bytes read so far (SharpCompress's xz decoder asks for it).</summary>
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (headOffset < head.Length)
        {
            int n = Math.Min(buffer.Length, head.Length - headOffset);
            head.AsSpan(headOffset, n).CopyTo(buffer);
            headOffset += n;
            position += n;
            return n;
        }

        int read = rest.Read(buffer);
        position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
