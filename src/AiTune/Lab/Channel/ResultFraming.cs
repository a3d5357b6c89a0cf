using System.Buffers.Binary;
using System.Text;
using AiTune.Text;

namespace AiTune.Lab.Channel;

/// <summary>
/// The frame a lab guest writes to its results port, and the host's strict reading of it:
/// <code>
/// "AITUNE-LAB"  10 bytes  magic
/// version        1 byte   1
/// kind           1 byte   1 result, 2 error
/// length         4 bytes  payload length, big-endian
/// sha256        32 bytes  SHA-256 of the 16 bytes above followed by the payload
/// payload   length bytes  JSON
/// "\nAITUNE-LAB-END\n"  16 bytes  end marker
/// </code>
/// The digest covers the header's fields too, so that no single changed byte anywhere (a kind flipped from error to
/// result, a length shortened onto bytes that happen to look like the marker) goes unnoticed. Only a complete,
/// checksummed frame with nothing after it is accepted.
/// </summary>
public static class ResultFraming
{
    public const byte Version = 1;

    /// <summary>The default bound on a payload: far above what the suites write, far below a memory problem.</summary>
    public const int DefaultMaxPayloadBytes = 64 << 20;

    public static ReadOnlySpan<byte> Magic => "AITUNE-LAB"u8;

    public static ReadOnlySpan<byte> EndMarker => "\nAITUNE-LAB-END\n"u8;

    /// <summary>Magic, version, kind, length: what the digest covers besides the payload.</summary>
    public const int FieldsLength = 10 + 1 + 1 + 4;

    public const int HeaderLength = FieldsLength + Sha256.HashSizeInBytes;

    public const int EndMarkerLength = 16;

    /// <summary>The frame of <paramref name="payload"/>.</summary>
    public static byte[] Encode(ResultKind kind, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderLength + payload.Length + EndMarkerLength];
        WriteFields(frame, kind, payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderLength));
        Digest(frame.AsSpan(0, FieldsLength), payload, frame.AsSpan(FieldsLength, Sha256.HashSizeInBytes));
        EndMarker.CopyTo(frame.AsSpan(HeaderLength + payload.Length));
        return frame;
    }

    /// <summary>The document in <paramref name="data"/>, or a <see cref="ResultFrameException"/> saying what is wrong.</summary>
    public static ResultFrame Decode(ReadOnlySpan<byte> data, int maxPayloadBytes = DefaultMaxPayloadBytes)
    {
        if (data.Length == 0)
        {
            throw Fail(ResultFrameError.Empty, "the guest wrote no results (its results port received nothing)");
        }

        int magicSeen = Math.Min(data.Length, Magic.Length);
        if (!data[..magicSeen].SequenceEqual(Magic[..magicSeen]))
        {
            throw Fail(ResultFrameError.NotAFrame,
                $"the guest's results are not an aitune frame: they start with {Hex(data[..Math.Min(data.Length, 16)])} instead of \"AITUNE-LAB\"");
        }

        if (data.Length < HeaderLength)
        {
            throw CutShort(data.Length, HeaderLength, "in the frame header");
        }

        byte version = data[10];
        if (version != Version)
        {
            throw Fail(ResultFrameError.UnsupportedVersion,
                $"the guest's results are in frame version {version}; this aitune reads version {Version} (the guest ran a different aitune)");
        }

        byte kind = data[11];
        if (kind is not ((byte)ResultKind.Result or (byte)ResultKind.Error))
        {
            throw Fail(ResultFrameError.UnknownKind, $"the guest's results have kind {kind}, which is neither a result (1) nor an error (2)");
        }

        uint declared = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(12, 4));
        if (declared > maxPayloadBytes)
        {
            throw Fail(ResultFrameError.Oversized,
                $"the guest's results declare {declared} bytes, more than the {maxPayloadBytes} bytes the lab accepts");
        }

        int length = (int)declared;
        long total = (long)HeaderLength + length + EndMarkerLength;
        if (data.Length < total)
        {
            throw CutShort(data.Length, total, null);
        }

        var payload = data.Slice(HeaderLength, length);
        Span<byte> digest = stackalloc byte[Sha256.HashSizeInBytes];
        Digest(data[..FieldsLength], payload, digest);
        var expected = data.Slice(FieldsLength, Sha256.HashSizeInBytes);
        if (!digest.SequenceEqual(expected))
        {
            throw Fail(ResultFrameError.ChecksumMismatch,
                $"the guest's results fail their checksum (SHA-256 {Convert.ToHexStringLower(digest)[..16]}… of what arrived, {Convert.ToHexStringLower(expected)[..16]}… in the frame): they were corrupted on the way");
        }

        var marker = data.Slice(HeaderLength + length, EndMarkerLength);
        if (!marker.SequenceEqual(EndMarker))
        {
            throw Fail(ResultFrameError.MissingEndMarker,
                $"the guest's results end with {Hex(marker)} where the end marker belongs");
        }

        if (data.Length > total)
        {
            throw Fail(ResultFrameError.TrailingBytes,
                $"the guest's results have {data.Length - total} bytes after the end of the frame (the guest wrote more than one document, or junk)");
        }

        return new ResultFrame((ResultKind)kind, payload.ToArray());
    }

    /// <summary>Reads and decodes the results file behind the port. The file is bounded before it is read: a frame
    /// can be at most the header, the largest payload and the marker; a bigger file is refused from its header
    /// (oversized) or as trailing bytes, without reading the rest.</summary>
    public static ResultFrame ReadFile(string path, int maxPayloadBytes = DefaultMaxPayloadBytes)
    {
        byte[] data;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            long limit = (long)HeaderLength + maxPayloadBytes + EndMarkerLength;
            if (stream.Length > limit)
            {
                // Too big for any frame: the header says whether it declared too much (oversized) or is a frame with
                // junk after it; the rest is never read.
                var head = new byte[HeaderLength];
                stream.ReadExactly(head);
                try
                {
                    Decode(head, maxPayloadBytes);
                }
                catch (ResultFrameException e) when (e.Error == ResultFrameError.CutShort)
                {
                }

                throw Fail(ResultFrameError.TrailingBytes,
                    $"the guest's results are {stream.Length} bytes, more than a frame of at most {limit} bytes can be (junk after the frame)");
            }

            data = new byte[stream.Length];
            stream.ReadExactly(data);
        }
        catch (FileNotFoundException)
        {
            data = [];
        }

        return Decode(data, maxPayloadBytes);
    }

    private static void WriteFields(Span<byte> frame, ResultKind kind, int length)
    {
        Magic.CopyTo(frame);
        frame[10] = Version;
        frame[11] = (byte)kind;
        BinaryPrimitives.WriteUInt32BigEndian(frame.Slice(12, 4), (uint)length);
    }

    private static void Digest(ReadOnlySpan<byte> fields, ReadOnlySpan<byte> payload, Span<byte> digest)
    {
        var covered = new byte[fields.Length + payload.Length];
        fields.CopyTo(covered);
        payload.CopyTo(covered.AsSpan(fields.Length));
        Sha256.HashData(covered, digest);
    }

    private static ResultFrameException CutShort(long got, long expected, string? where) =>
        Fail(ResultFrameError.CutShort,
            $"the guest's results were cut short{(where is null ? "" : " " + where)} after {got} of {expected} bytes (the guest stopped or lost power while writing)");

    private static ResultFrameException Fail(ResultFrameError error, string message) => new(error, message);

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (byte b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7f && b != (byte)'"' && b != (byte)'\\' ? ((char)b).ToString() : $"\\x{b:x2}");
        }

        return "\"" + text + "\"";
    }
}
