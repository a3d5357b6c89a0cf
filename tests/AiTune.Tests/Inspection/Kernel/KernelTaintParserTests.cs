using AiTune.Facts;
using AiTune.Inspection.Kernel;
using CsCheck;

namespace AiTune.Tests.Inspection.Kernel;

public class KernelTaintParserTests
{
    [Fact]
    public void Proprietary_and_out_of_tree_modules()
    {
        var taint = KernelTaintParser.Parse("4097\n").Value;

        Assert.Equal(4097, taint.Mask);
        Assert.Equal([new TaintFlag(0, 'P', "proprietary module was loaded"),
            new TaintFlag(12, 'O', "externally-built (\"out-of-tree\") module was loaded")], taint.Flags);
    }

    [Fact]
    public void Zero_is_an_untainted_kernel()
    {
        var taint = KernelTaintParser.Parse("0\n").Value;

        Assert.Equal(0, taint.Mask);
        Assert.Empty(taint.Flags);
    }

    [Fact]
    public void Every_documented_bit_has_its_letter()
    {
        var taint = KernelTaintParser.Parse(((1 << 20) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).Value;

        Assert.Equal("PFSRMBUDAWCIOELKXTNJ", new string(taint.Flags.Select(f => f.Letter).ToArray()));
        Assert.Equal(Enumerable.Range(0, 20), taint.Flags.Select(f => f.Bit));
        Assert.Equal("kernel issued warning", taint.Flags[9].Meaning);
        Assert.Equal("userspace used a mutating debug operation in fwctl", taint.Flags[19].Meaning);
    }

    [Fact]
    public void A_bit_newer_than_the_table_is_kept_and_said_to_be_unknown()
    {
        var taint = KernelTaintParser.Parse("1048576").Value;

        var flag = Assert.Single(taint.Flags);
        Assert.Equal(20, flag.Bit);
        Assert.Equal('?', flag.Letter);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("0x10")]
    [InlineData("12 34")]
    [InlineData("tainted")]
    [InlineData("18446744073709551615")]
    [InlineData("99999999999999999999999")]
    public void Junk_and_absurd_numbers_are_malformed(string text)
    {
        var taint = KernelTaintParser.Parse(text);

        Assert.False(taint.IsKnown);
        Assert.Equal(UnknownKind.Malformed, taint.Reason!.Kind);
        Assert.Contains("/proc/sys/kernel/tainted", taint.Reason.Detail);
    }

    [Fact]
    public void Any_text_gives_a_value_or_a_malformed_fact()
    {
        Gen.String.Sample(text =>
        {
            var taint = KernelTaintParser.Parse(text);
            Assert.True(taint.IsKnown || taint.Reason!.Kind == UnknownKind.Malformed);
        });
        Gen.ULong.Sample(mask =>
        {
            var taint = KernelTaintParser.Parse(mask.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (mask <= long.MaxValue)
            {
                Assert.Equal(System.Numerics.BitOperations.PopCount(mask), taint.Value.Flags.Count);
            }
            else
            {
                Assert.False(taint.IsKnown);
            }
        });
    }
}
