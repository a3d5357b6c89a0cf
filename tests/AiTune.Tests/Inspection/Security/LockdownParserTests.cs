using AiTune.Facts;
using AiTune.Inspection.Security;
using CsCheck;

namespace AiTune.Tests.Inspection.Security;

public class LockdownParserTests
{
    [Theory]
    [InlineData("[none] integrity confidentiality\n", "none")]
    [InlineData("none [integrity] confidentiality\n", "integrity")]
    [InlineData("none integrity [confidentiality]", "confidentiality")]
    public void Takes_the_bracketed_mode(string text, string mode)
    {
        Assert.Equal(mode, LockdownParser.Parse(text).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("none integrity confidentiality")]
    [InlineData("[] none")]
    [InlineData("[n0ne] integrity")]
    public void Text_without_a_bracketed_mode_is_malformed(string text)
    {
        var mode = LockdownParser.Parse(text);

        Assert.Equal(UnknownKind.Malformed, mode.Reason!.Kind);
        Assert.StartsWith("/sys/kernel/security/lockdown: ", mode.Reason.Detail);
    }

    [Fact]
    public void Any_text_gives_a_value_or_a_malformed_fact()
    {
        Gen.String.Sample(text =>
        {
            var mode = LockdownParser.Parse(text);
            Assert.True(mode.IsKnown ? mode.Value.All(char.IsAsciiLetterLower) : mode.Reason!.Kind == UnknownKind.Malformed);
        });
    }
}
