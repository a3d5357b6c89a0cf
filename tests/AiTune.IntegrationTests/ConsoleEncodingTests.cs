using AiTune.Cli.Rendering;

namespace AiTune.IntegrationTests;

/// <summary>The shortcut to UTF-8 is taken only where .NET's console would pick UTF-8 too.</summary>
public sealed class ConsoleEncodingTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("C", true)]
    [InlineData("POSIX", true)]
    [InlineData("en_US", true)]
    [InlineData("C.UTF-8", true)]
    [InlineData("en_US.utf8", true)]
    [InlineData("de_DE.UTF-8@euro", true)]
    [InlineData("en_US.ISO-8859-1", false)]
    [InlineData("de_DE.ISO-8859-15@euro", false)]
    [InlineData("ja_JP.eucJP", false)]
    [InlineData("en_US.", false)]
    public void Only_a_utf8_charset_or_none_is_taken_for_utf8(string? locale, bool utf8) =>
        Assert.Equal(utf8, ConsoleEncoding.NamesUtf8OrNoCharset(locale));
}
