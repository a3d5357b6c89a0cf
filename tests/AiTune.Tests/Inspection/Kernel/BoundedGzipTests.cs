using System.IO.Compression;
using System.Text;
using AiTune.Facts;
using AiTune.Inspection.Kernel;
using CsCheck;

namespace AiTune.Tests.Inspection.Kernel;

public class BoundedGzipTests
{
    [Fact]
    public void A_gzip_bomb_is_unreadable_not_an_exhausted_machine()
    {
        var bomb = Compress(new byte[64 << 20]);
        Assert.True(bomb.Length < 200_000);

        var result = BoundedGzip.Decompress(bomb, "/proc/config.gz");

        Assert.Equal(UnknownKind.Unreadable, result.Reason!.Kind);
        Assert.Equal("/proc/config.gz decompresses to more than 16 MiB (not read further)", result.Reason.Detail);
    }

    [Fact]
    public void Data_up_to_the_bound_comes_back_whole()
    {
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("CONFIG_NUMA=y\n", 1000)));

        Assert.Equal(data, BoundedGzip.Decompress(Compress(data), "x").Value);
        Assert.False(BoundedGzip.Decompress(Compress(data), "x", maxBytes: data.Length - 1).IsKnown);
    }

    [Fact]
    public void A_size_hint_that_is_too_small_or_too_large_still_gives_the_whole_data()
    {
        // Two gzip members: the trailer's size is the last member's (7 bytes), far below the whole (RFC 1952 2.2).
        var first = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("CONFIG_NUMA=y\n", 20_000)));
        var second = Encoding.ASCII.GetBytes("CONFIG_");
        var data = first.Concat(second).ToArray();
        Assert.Equal(data, BoundedGzip.Decompress(Compress(first).Concat(Compress(second)).ToArray(), "x").Value);
        Assert.Equal(second.Concat(first).ToArray(), BoundedGzip.Decompress(Compress(second).Concat(Compress(first)).ToArray(), "x").Value);

        // A member that claims more than the bound is only a hint: the data is judged by what it holds.
        var lying = Compress(second);
        BitConverter.GetBytes(int.MaxValue).CopyTo(lying, lying.Length - 4);
        Assert.False(BoundedGzip.Decompress(lying, "x", maxBytes: 1 << 16).IsKnown);
    }

    [Fact]
    public void Data_of_exactly_the_bound_is_read_and_one_byte_more_is_not()
    {
        var data = new byte[4096];
        new Random(13).NextBytes(data);

        Assert.Equal(data, BoundedGzip.Decompress(Compress(data), "x", maxBytes: 4096).Value);
        Assert.Equal(UnknownKind.Unreadable, BoundedGzip.Decompress(Compress(data), "x", maxBytes: 4095).Reason!.Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0x00 })]
    [InlineData(new byte[] { (byte)'C', (byte)'O', (byte)'N', (byte)'F', (byte)'I', (byte)'G' })]
    public void Data_that_is_not_gzip_is_malformed(byte[] data)
    {
        var result = BoundedGzip.Decompress(data, "/proc/config.gz");

        Assert.Equal(UnknownKind.Malformed, result.Reason!.Kind);
    }

    [Fact]
    public void Random_bytes_give_a_value_or_an_unknown_fact()
    {
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            var result = BoundedGzip.Decompress(bytes, "x", maxBytes: 1 << 16);
            Assert.True(result.IsKnown || result.Reason!.Kind is UnknownKind.Malformed or UnknownKind.Unreadable);
        });
        Gen.Byte.Array[1, 300].Sample(payload =>
        {
            var corrupted = Compress(payload);
            corrupted[corrupted.Length / 2] ^= 0x5a;
            var result = BoundedGzip.Decompress(corrupted, "x");
            Assert.True(result.IsKnown || result.Reason!.Kind == UnknownKind.Malformed);
        });
    }

    internal static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
