using AiTune.Facts;
using AiTune.Inspection.Accelerators;
using CsCheck;

namespace AiTune.Tests.Inspection.Accelerators;

public class IommuGroupTypeParserTests
{
    [Theory]
    [InlineData("identity\n", IommuModes.Passthrough)]
    [InlineData("DMA\n", IommuModes.TranslatedStrict)]
    [InlineData("DMA-FQ\n", IommuModes.TranslatedLazy)]
    [InlineData("blocked\n", null)]
    [InlineData("unmanaged\n", null)]
    [InlineData("unknown\n", null)]
    public void Types_map_to_modes(string text, string? mode) =>
        Assert.Equal(mode, IommuGroupTypeParser.ParseMode("type", text).Value);

    [Theory]
    [InlineData("dma")]
    [InlineData("")]
    [InlineData("identity DMA")]
    public void Other_text_is_malformed(string text) =>
        Assert.Equal(UnknownKind.Malformed, IommuGroupTypeParser.ParseMode("type", text).Reason!.Kind);

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String.Sample(text =>
        {
            var mode = IommuGroupTypeParser.ParseMode("type", text);
            Assert.True(mode.IsKnown || mode.Reason!.Kind == UnknownKind.Malformed);
        });
    }
}
