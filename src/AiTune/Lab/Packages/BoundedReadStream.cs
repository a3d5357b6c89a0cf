namespace AiTune.Lab.Packages;

/// <summary>A window of <paramref name="length"/> bytes of a stream read front to back: it ends where the window ends,
/// and an inner stream that ends first is truncated data (InvalidDataException), not a short member.</summary>
internal sealed class BoundedReadStream : Stream
{
    private readonly Stream inner;
    private readonly long length;
    private readonly string what;
    private long remaining;

    public BoundedReadStream(Stream inner, long length, string what)
    {
        this.inner = inner;
        this.length = length;
        this.what = what;
        remaining = length;
    }

    public long Remaining => remaining;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => length - remaining; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        int read = inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
        if (read == 0)
        {
            throw new InvalidDataException($"{what} is truncated ({remaining} of its {length} bytes are missing)");
        }

        remaining -= read;
        return read;
    }

    /// <summary>Reads past what is left of the window, so the inner stream stands at its end.</summary>
    public void SkipRest()
    {
        Span<byte> sink = stackalloc byte[8192];
        while (remaining > 0)
        {
            _ = Read(sink); // Read throws where the inner stream ends early, so the loop always progresses
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
