using System.Text;
using AiTune.Lab.Channel;
using AiTune.Lab.Qemu;
using CsCheck;

namespace AiTune.Tests.Lab.Channel;

public class ResultFramingTests
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"release\":\"6.12.118+deb12-amd64\"}");

    private static readonly Gen<byte[]> Payloads = Gen.Int[0, 300].SelectMany(n => Gen.Byte.Array[n]);

    private static ResultFrameError ErrorOf(byte[] data, int max = ResultFraming.DefaultMaxPayloadBytes) =>
        Assert.Throws<ResultFrameException>(() => ResultFraming.Decode(data, max)).Error;

    [Fact]
    public void The_frame_is_magic_version_kind_length_digest_payload_marker()
    {
        byte[] frame = ResultFraming.Encode(ResultKind.Result, Json);

        Assert.Equal("AITUNE-LAB"u8.ToArray(), frame[..10]);
        Assert.Equal([1, 1, 0, 0, 0, (byte)Json.Length], frame[10..16]);
        Assert.Equal(Json, frame[48..(48 + Json.Length)]);
        Assert.Equal("\nAITUNE-LAB-END\n"u8.ToArray(), frame[(48 + Json.Length)..]);
        Assert.Equal(AiTune.Text.Sha256.HashData([.. frame[..16], .. Json]), frame[16..48]);
    }

    [Fact]
    public void Round_trip()
    {
        Gen.Select(Payloads, Gen.Bool).Sample((payload, error) =>
        {
            var kind = error ? ResultKind.Error : ResultKind.Result;

            var frame = ResultFraming.Decode(ResultFraming.Encode(kind, payload));

            Assert.Equal(kind, frame.Kind);
            Assert.Equal(payload, frame.Payload);
        });
    }

    [Fact]
    public void Every_truncation_is_detected_as_cut_short()
    {
        Payloads.Sample(payload =>
        {
            byte[] frame = ResultFraming.Encode(ResultKind.Result, payload);
            for (int length = 1; length < frame.Length; length++)
            {
                Assert.Equal(ResultFrameError.CutShort, ErrorOf(frame[..length]));
            }

            Assert.Equal(ResultFrameError.Empty, ErrorOf([]));
        }, iter: 50);
    }

    [Fact]
    public void Every_single_byte_corruption_is_detected()
    {
        Gen.Select(Payloads, Gen.Byte[1, 255]).Sample((payload, flip) =>
        {
            byte[] frame = ResultFraming.Encode(ResultKind.Result, payload);
            for (int i = 0; i < frame.Length; i++)
            {
                byte[] corrupt = (byte[])frame.Clone();
                corrupt[i] ^= flip;
                Assert.Throws<ResultFrameException>(() => ResultFraming.Decode(corrupt));
            }
        }, iter: 50);
    }

    [Fact]
    public void A_cut_frame_says_how_much_arrived_of_how_much()
    {
        byte[] frame = ResultFraming.Encode(ResultKind.Result, Json);

        var error = Assert.Throws<ResultFrameException>(() => ResultFraming.Decode(frame.AsSpan(0, 60)));

        Assert.Equal($"the guest's results were cut short after 60 of {frame.Length} bytes (the guest stopped or lost power while writing)", error.Message);
    }

    [Fact]
    public void Garbage_is_not_a_frame_and_shows_its_first_bytes()
    {
        var error = Assert.Throws<ResultFrameException>(() => ResultFraming.Decode("[    4.1] Oops\u001b"u8.ToArray()));

        Assert.Equal(ResultFrameError.NotAFrame, error.Error);
        Assert.Equal("the guest's results are not an aitune frame: they start with \"[    4.1] Oops\\x1b\" instead of \"AITUNE-LAB\"", error.Message);
    }

    [Fact]
    public void A_wrong_checksum_is_its_own_error()
    {
        byte[] frame = ResultFraming.Encode(ResultKind.Result, Json);
        frame[50] ^= 0x20;

        var error = Assert.Throws<ResultFrameException>(() => ResultFraming.Decode(frame));

        Assert.Equal(ResultFrameError.ChecksumMismatch, error.Error);
        Assert.StartsWith("the guest's results fail their checksum", error.Message);
    }

    [Fact]
    public void An_oversized_length_is_refused_before_anything_is_read()
    {
        byte[] frame = ResultFraming.Encode(ResultKind.Result, Json);

        var error = Assert.Throws<ResultFrameException>(() => ResultFraming.Decode(frame, maxPayloadBytes: 10));

        Assert.Equal(ResultFrameError.Oversized, error.Error);
        Assert.Equal($"the guest's results declare {Json.Length} bytes, more than the 10 bytes the lab accepts", error.Message);
    }

    [Fact]
    public void Trailing_junk_is_refused()
    {
        byte[] frame = [.. ResultFraming.Encode(ResultKind.Result, Json), .. "x"u8];

        var error = Assert.Throws<ResultFrameException>(() => ResultFraming.Decode(frame));

        Assert.Equal(ResultFrameError.TrailingBytes, error.Error);
        Assert.Equal("the guest's results have 1 bytes after the end of the frame (the guest wrote more than one document, or junk)", error.Message);
    }

    [Fact]
    public void Two_documents_are_trailing_bytes()
    {
        byte[] one = ResultFraming.Encode(ResultKind.Result, Json);

        Assert.Equal(ResultFrameError.TrailingBytes, ErrorOf([.. one, .. one]));
    }

    [Fact]
    public void Another_version_and_an_unknown_kind_are_their_own_errors()
    {
        byte[] frame = ResultFraming.Encode(ResultKind.Result, Json);
        byte[] version = (byte[])frame.Clone();
        version[10] = 2;
        byte[] kind = (byte[])frame.Clone();
        kind[11] = 7;

        Assert.Equal(ResultFrameError.UnsupportedVersion, ErrorOf(version));
        Assert.Equal(ResultFrameError.UnknownKind, ErrorOf(kind));
    }

    [Fact]
    public void A_damaged_end_marker_is_its_own_error()
    {
        byte[] frame = ResultFraming.Encode(ResultKind.Result, Json);
        frame[^3] = (byte)'X';

        Assert.Equal(ResultFrameError.MissingEndMarker, ErrorOf(frame));
    }

    [Fact]
    public void The_results_file_is_read_with_its_bound()
    {
        using var work = LabWorkDirectory.Create();
        string path = work.File("results.bin");

        Assert.Equal(ResultFrameError.Empty, Assert.Throws<ResultFrameException>(() => ResultFraming.ReadFile(path)).Error);

        File.WriteAllBytes(path, ResultFraming.Encode(ResultKind.Error, Json));
        Assert.Equal(new ResultFrame(ResultKind.Error, Json).Payload, ResultFraming.ReadFile(path).Payload);

        File.WriteAllBytes(path, [.. ResultFraming.Encode(ResultKind.Result, Json), .. new byte[200]]);
        var tooBig = Assert.Throws<ResultFrameException>(() => ResultFraming.ReadFile(path, maxPayloadBytes: 100));
        Assert.Equal(ResultFrameError.TrailingBytes, tooBig.Error);

        File.WriteAllBytes(path, [.. ResultFraming.Encode(ResultKind.Result, new byte[300])]);
        Assert.Equal(ResultFrameError.Oversized, Assert.Throws<ResultFrameException>(() => ResultFraming.ReadFile(path, maxPayloadBytes: 100)).Error);
    }
}
