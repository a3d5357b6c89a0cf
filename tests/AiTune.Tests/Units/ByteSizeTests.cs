using AiTune.Units;
using CsCheck;

namespace AiTune.Tests.Units;

public class ByteSizeTests
{
    [Theory]
    [InlineData("1048576", 1048576L)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1TiB", 1L << 40)]
    [InlineData("1 tb", 1_000_000_000_000L)]
    [InlineData("70GB", 70_000_000_000L)]
    [InlineData("70GiB", 70L << 30)]
    [InlineData("70g", 70L << 30)]
    [InlineData("512M", 512L << 20)]
    [InlineData("512MB", 512_000_000L)]
    [InlineData("4KB", 4000L)]
    [InlineData("4KiB", 4096L)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("2PB", 2_000_000_000_000_000L)]
    [InlineData("0", 0L)]
    public void Reads_si_units_as_powers_of_ten_and_iec_and_bare_letters_as_powers_of_two(string text, long expected)
    {
        Assert.True(ByteSize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GiB")]
    [InlineData("12 parsecs")]
    [InlineData("1.2.3G")]
    [InlineData("-5G")]
    [InlineData("9000000PiB")]
    [InlineData("99999999999999999999999999999999999999999999999999")]
    public void Refuses_what_is_not_a_size_or_does_not_fit(string text)
    {
        Assert.False(ByteSize.TryParse(text, out var bytes));
        Assert.Equal(0, bytes);
    }

    [Theory]
    [InlineData(1_000_000_000_000L, "931.3 GiB")]
    [InlineData(1L << 40, "1 TiB")]
    [InlineData(1023L, "1023 B")]
    public void Prints_iec_units(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));

    [Fact]
    public void Any_text_parses_or_is_refused_without_throwing_and_never_gives_a_negative_count() =>
        Gen.String.Sample(text =>
        {
            if (ByteSize.TryParse(text, out var bytes))
            {
                Assert.True(bytes >= 0);
            }
        });

    [Fact]
    public void What_it_prints_reads_back_within_the_rounding_of_one_decimal() =>
        Gen.Long[1, 1L << 60].Sample(bytes =>
        {
            Assert.True(ByteSize.TryParse(ByteSize.Format(bytes), out var back));
            Assert.InRange(back, bytes * 0.95, bytes * 1.05);
        });
}
