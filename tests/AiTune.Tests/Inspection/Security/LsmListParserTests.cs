using AiTune.Facts;
using AiTune.Inspection.Security;
using CsCheck;

namespace AiTune.Tests.Inspection.Security;

public class LsmListParserTests
{
    [Fact]
    public void Splits_the_list_in_initialisation_order()
    {
        Assert.Equal(["lockdown", "capability", "landlock", "yama", "apparmor", "ima", "evm"],
            LsmListParser.Parse("lockdown,capability,landlock,yama,apparmor,ima,evm").Value);
        Assert.Equal(["capability", "selinux"], LsmListParser.Parse("capability,selinux\n").Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("capability,,yama")]
    [InlineData("capability yama")]
    [InlineData("Capability")]
    public void Other_text_is_malformed(string text)
    {
        Assert.Equal(UnknownKind.Malformed, LsmListParser.Parse(text).Reason!.Kind);
    }

    [Fact]
    public void Any_text_gives_a_value_or_a_malformed_fact()
    {
        Gen.String.Sample(text =>
        {
            var lsms = LsmListParser.Parse(text);
            Assert.True(lsms.IsKnown ? lsms.Value.Count > 0 : lsms.Reason!.Kind == UnknownKind.Malformed);
        });
    }
}
