using System.Text;
using AiTune.Text;
using CsCheck;

namespace AiTune.Tests.Text;

public class Sha256Tests
{
    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf" and "SHA2_Additional.pdf").
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void Nist_vectors(string message, string digest)
    {
        Assert.Equal(digest, Sha256.HexOfUtf8(message));
    }

    [Fact]
    public void A_million_a()
    {
        var data = new byte[1_000_000];
        Array.Fill(data, (byte)'a');
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(Sha256.HashData(data)));
    }

    [Fact]
    public void Agrees_with_the_platform_on_every_length_around_the_block_and_padding_edges()
    {
        // Lengths 0..300 cover the one- and two-block paddings (55, 56, 63, 64 bytes) several times over.
        Gen.Int[0, 300].SelectMany(n => Gen.Byte.Array[n]).Sample(data =>
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), Sha256.HashData(data)));
    }

    [Fact]
    public void Writes_into_a_larger_buffer_and_refuses_a_short_one()
    {
        var buffer = new byte[40];
        Sha256.HashData(Encoding.ASCII.GetBytes("abc"), buffer);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(buffer.AsSpan(0, 32)));
        Assert.Equal(new byte[8], buffer[32..]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sha256.HashData([1, 2, 3], new byte[31]));
    }
}
