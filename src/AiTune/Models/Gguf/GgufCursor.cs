using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace AiTune.Models.Gguf;

/// <summary>
/// Reads the little-endian fields of a GGUF header from a file through one fixed buffer, so a header of any size is
/// walked without being held in memory. Every read checks that the bytes exist first: a field that would run past
/// the end of the file is an error naming the field, never a short read.
/// </summary>
internal sealed class GgufCursor
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream stream;
    private readonly string shownPath;
    private readonly byte[] buffer = new byte[BufferSize];
    private readonly char[] decoded = new char[BufferSize];
    private long bufferOffset;
    private int bufferLength;

    internal GgufCursor(Stream stream, string shownPath)
    {
        this.stream = stream;
        this.shownPath = shownPath;
        Length = stream.Length;
    }

    /// <summary>The file's length in bytes.</summary>
    internal long Length { get; }

    /// <summary>The offset of the next byte to read.</summary>
    internal long Position { get; private set; }

    internal long Remaining => Length - Position;

    internal byte ReadByte(string what) => Take(1, what)[0];

    internal ushort ReadUInt16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));

    internal uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    internal ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

    /// <summary>Moves past <paramref name="count"/> bytes that need no checking.</summary>
    internal void Skip(ulong count, string what)
    {
        if (count > (ulong)Remaining)
        {
            throw Truncated(what, count);
        }

        Position += (long)count;
    }

    /// <summary>
    /// Reads a gguf_string (u64 length, then UTF-8 bytes) and checks that all of it is valid UTF-8. Only the first
    /// <paramref name="keepChars"/> characters are kept; <paramref name="cut"/> says whether more followed.
    /// </summary>
    /// <param name="maxBytes">The longest the string may be; <paramref name="limit"/> names that limit in the error.</param>
    internal string ReadString(string what, ulong maxBytes, string limit, int keepChars, out bool cut)
    {
        long start = Position;
        ulong length = ReadUInt64(what);
        if (length > maxBytes)
        {
            throw Invalid($"{what} at byte {start} is {length} bytes long, over {limit}");
        }

        if (length > (ulong)Remaining)
        {
            throw Invalid($"{what} at byte {start} declares a length of {length} bytes but only {Remaining} bytes remain in the file");
        }

        var text = new StringBuilder((int)Math.Min(Math.Min(length, (ulong)keepChars), 4096));
        long left = (long)length;
        cut = false;
        while (left > 0)
        {
            int chunk = (int)Math.Min(left, BufferSize);
            bool final = chunk == left;
            var bytes = Take(chunk, what);
            var status = Utf8.ToUtf16(bytes, decoded, out int read, out int written, replaceInvalidSequences: false, isFinalBlock: final);
            if (status == OperationStatus.InvalidData)
            {
                throw Invalid($"{what} at byte {start} is not valid UTF-8");
            }

            // A character split across two chunks: read its first bytes again with the next chunk.
            Position -= chunk - read;
            left -= read;
            if (!cut)
            {
                int keep = Math.Min(written, keepChars - text.Length);
                cut = keep < written;
                if (cut && keep > 0 && char.IsHighSurrogate(decoded[keep - 1]))
                {
                    keep--;
                }

                text.Append(decoded, 0, keep);
            }
        }

        return text.ToString();
    }

    /// <summary>An error about the file at the cursor, naming the file.</summary>
    internal AiTuneException Invalid(string problem, string hint = InvalidModelFile.GgufHint) => InvalidModelFile.Gguf(shownPath, problem, hint);

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw Truncated(what, (ulong)count);
        }

        if (Position < bufferOffset || Position + count > bufferOffset + bufferLength)
        {
            stream.Position = Position;
            bufferLength = (int)Math.Min(BufferSize, Remaining);
            stream.ReadExactly(buffer, 0, bufferLength);
            bufferOffset = Position;
        }

        var bytes = buffer.AsSpan((int)(Position - bufferOffset), count);
        Position += count;
        return bytes;
    }

    private AiTuneException Truncated(string what, ulong count) =>
        Invalid($"the file ends at byte {Length}, inside {what} ({count} bytes at byte {Position})");
}
