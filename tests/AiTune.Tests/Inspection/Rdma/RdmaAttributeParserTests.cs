using AiTune.Facts;
using AiTune.Inspection.Rdma;
using CsCheck;

namespace AiTune.Tests.Inspection.Rdma;

public class RdmaAttributeParserTests
{
    [Theory]
    [InlineData("4: ACTIVE\n", "ACTIVE")]
    [InlineData("1: DOWN\n", "DOWN")]
    [InlineData("5: LinkUp\n", "LinkUp")]
    [InlineData("7: Phy Test\n", "Phy Test")]
    [InlineData("1: CA", "CA")]
    public void Numbered_names_as_the_kernel_prints_them(string text, string expected) =>
        Assert.Equal(expected, RdmaAttributeParser.ParseNumberedName("state", text).Value);

    [Theory]
    [InlineData("400 Gb/sec (4X NDR)\n", 400)]
    [InlineData("200 Gb/sec (4X HDR)\n", 200)]
    [InlineData("2.5 Gb/sec (1X)\n", 2.5)]
    [InlineData("100 Gb/sec (4X EDR)", 100)]
    public void Rates_in_gigabits(string text, double expected)
    {
        Assert.Equal(expected, RdmaAttributeParser.ParseRateGbps("rate", text).Value);
        Assert.Equal(text.Trim(), RdmaAttributeParser.ParseRate("rate", text).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ACTIVE")]
    [InlineData("x: ACTIVE")]
    [InlineData("4: ")]
    [InlineData("4: ACT\0IVE")]
    [InlineData("99999999999999999999: ACTIVE")]
    public void Malformed_states_are_unknown(string text) =>
        Assert.Equal(UnknownKind.Malformed, RdmaAttributeParser.ParseNumberedName("state", text).Reason!.Kind);

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("1e400 Gb/sec (4X)")]
    [InlineData("-5 Gb/sec (4X)")]
    [InlineData("99999999999999999999999999 Gb/sec")]
    public void Malformed_rates_are_unknown(string text) =>
        Assert.Equal(UnknownKind.Malformed, RdmaAttributeParser.ParseRateGbps("rate", text).Reason!.Kind);

    [Fact]
    public void Hostile_content_never_throws_and_is_a_value_or_unknown()
    {
        var hostile = Gen.OneOf(Gen.String, Gen.Char.Array[0, 200].Select(c => new string(c)),
            Gen.Const("4: ACTIVE\0\0"), Gen.Const(new string('9', 5000) + " Gb/sec"), Gen.Const("\u202e4: ACTIVE"));
        hostile.Sample(text =>
        {
            foreach (var fact in new[] { RdmaAttributeParser.ParseNumberedName("p", text), RdmaAttributeParser.ParseWord("p", text), RdmaAttributeParser.ParseRate("p", text) })
            {
                Assert.True(fact.IsKnown ? !fact.Value.Any(char.IsControl) && fact.Value.Length > 0 : fact.Reason is not null);
            }

            var rate = RdmaAttributeParser.ParseRateGbps("p", text);
            Assert.True(!rate.IsKnown || (double.IsFinite(rate.Value) && rate.Value >= 0));
        });
    }
}
