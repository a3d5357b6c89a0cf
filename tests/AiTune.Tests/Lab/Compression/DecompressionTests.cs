using AiTune.Lab.Compression;
using AiTune.Tests.Support;

namespace AiTune.Tests.Lab.Compression;

public class DecompressionTests
{
    private static byte[] Original => File.ReadAllBytes(FixturePaths.File("files/compression/config.txt"));

    [Theory]
    [InlineData("config.txt.gz", CompressionFormat.Gzip)]
    [InlineData("config.txt.xz", CompressionFormat.Xz)]
    [InlineData("config.txt.zst", CompressionFormat.Zstd)]
    [InlineData("config.txt", CompressionFormat.None)]
    public void Reads_what_the_real_tools_wrote_by_its_magic_number(string name, CompressionFormat format)
    {
        var data = File.ReadAllBytes(FixturePaths.File("files/compression/" + name));

        Assert.Equal(format, Decompression.Detect(data));
        Assert.Equal(Original, Decompression.ReadAll(data, 1 << 20, name));
    }

    [Theory]
    [InlineData("config.txt.gz")]
    [InlineData("config.txt.xz")]
    [InlineData("config.txt.zst")]
    public void A_truncated_stream_is_invalid_data_that_names_it(string name)
    {
        var data = File.ReadAllBytes(FixturePaths.File("files/compression/" + name));
        var truncated = data[..(data.Length / 2)];

        var error = Assert.Throws<InvalidDataException>(() => Decompression.ReadAll(truncated, 1 << 20, "the member"));

        Assert.StartsWith("the member ", error.Message);
    }

    [Theory]
    [InlineData("config.txt.gz")]
    [InlineData("config.txt.xz")]
    [InlineData("config.txt.zst")]
    public void Corrupt_data_after_a_good_magic_number_is_invalid_data(string name)
    {
        var data = File.ReadAllBytes(FixturePaths.File("files/compression/" + name));
        var corrupt = (byte[])data.Clone();
        new Random(3).NextBytes(corrupt.AsSpan(Decompression.MagicLength + 8, 64));

        Assert.Throws<InvalidDataException>(() => Decompression.ReadAll(corrupt, 1 << 20, "the member"));
    }

    [Fact]
    public void Data_beyond_the_bound_is_refused_not_written_out()
    {
        var data = File.ReadAllBytes(FixturePaths.File("files/compression/config.txt.xz"));

        var error = Assert.Throws<InvalidDataException>(() => Decompression.ReadAll(data, 4096, "the member"));

        Assert.Contains("more than 4096 bytes", error.Message);
    }
}
