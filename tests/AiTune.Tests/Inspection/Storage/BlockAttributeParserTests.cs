using AiTune.Facts;
using AiTune.Inspection.Storage;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Storage;

public class BlockAttributeParserTests
{
    [Fact]
    public void Real_size_file_is_sectors_of_512_bytes()
    {
        var text = File.ReadAllText(FixturePaths.File("files/storage/vda-size"));
        Assert.Equal(536870912L * 512, BlockAttributeParser.ParseSizeBytes("/sys/block/vda/size", text).Value);
    }

    [Fact]
    public void Real_rotational_and_read_ahead_files()
    {
        Assert.True(BlockAttributeParser.ParseFlag("rotational", File.ReadAllText(FixturePaths.File("files/storage/vda-rotational"))).Value);
        Assert.Equal(8192, BlockAttributeParser.ParseCount("read_ahead_kb", File.ReadAllText(FixturePaths.File("files/storage/vda-read_ahead_kb"))).Value);
    }

    [Fact]
    public void Size_that_overflows_bytes_is_malformed()
    {
        var result = BlockAttributeParser.ParseSizeBytes("/sys/block/x/size", "18014398509481984\n"); // 2^54 sectors
        Assert.Equal(UnknownKind.Malformed, result.Reason!.Kind);
        Assert.Contains("overflow", result.Reason.Detail);
        Assert.Equal(18014398509481983L * 512, BlockAttributeParser.ParseSizeBytes("s", "18014398509481983").Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("12 34")]
    [InlineData("0x10")]
    [InlineData("99999999999999999999999")]
    [InlineData("\0")]
    public void Bad_counts_are_malformed(string text)
    {
        var result = BlockAttributeParser.ParseCount("/sys/block/x/queue/nr_requests", text);
        Assert.Equal(UnknownKind.Malformed, result.Reason!.Kind);
        Assert.StartsWith("/sys/block/x/queue/nr_requests", result.Reason.Detail);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("")]
    [InlineData("yes")]
    public void Bad_flags_are_malformed(string text) =>
        Assert.Equal(UnknownKind.Malformed, BlockAttributeParser.ParseFlag("rotational", text).Reason!.Kind);

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String.Sample(text =>
        {
            foreach (var result in new[] { BlockAttributeParser.ParseCount("p", text), BlockAttributeParser.ParseSizeBytes("p", text) })
            {
                Assert.True(result.IsKnown ? result.Value >= 0 : result.Reason!.Kind == UnknownKind.Malformed);
            }

            var flag = BlockAttributeParser.ParseFlag("p", text);
            Assert.True(flag.IsKnown || flag.Reason!.Kind == UnknownKind.Malformed);
        });
    }

    [Fact]
    public void Every_sector_count_that_fits_gives_exact_bytes()
    {
        Gen.Long[0, long.MaxValue / 512].Sample(sectors =>
            Assert.Equal(sectors * 512, BlockAttributeParser.ParseSizeBytes("p", sectors + "\n").Value));
    }
}
