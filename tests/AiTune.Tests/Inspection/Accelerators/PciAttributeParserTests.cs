using AiTune.Facts;
using AiTune.Inspection.Accelerators;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Accelerators;

public class PciAttributeParserTests
{
    private static string Sample(string name) => File.ReadAllText(FixturePaths.File($"files/gpu/pci-virtio-blk-{name}"));

    [Fact]
    public void Real_files_of_a_virtio_block_device()
    {
        Assert.Equal(0x018000, PciAttributeParser.ParseClass("class", Sample("class")).Value);
        Assert.Equal("0x1af4", PciAttributeParser.ParseId("vendor", Sample("vendor")).Value);
        Assert.Equal("0x1042", PciAttributeParser.ParseId("device", Sample("device")).Value);
        Assert.Equal(-1, PciAttributeParser.ParseInt("numa_node", Sample("numa_node")).Value);
        Assert.Equal("0-1", PciAttributeParser.ParseCpuList("local_cpulist", Sample("local_cpulist")).Value);
    }

    [Theory]
    [InlineData("0x10DE\n", "0x10de")]
    [InlineData("0x1002", "0x1002")]
    public void Ids_are_lower_case(string text, string expected) =>
        Assert.Equal(expected, PciAttributeParser.ParseId("vendor", text).Value);

    [Theory]
    [InlineData("10de")]
    [InlineData("0x10de0")]
    [InlineData("0xzzzz")]
    [InlineData("")]
    [InlineData("0x")]
    public void Bad_ids_are_malformed(string text)
    {
        var result = PciAttributeParser.ParseId("/sys/bus/pci/devices/x/vendor", text);
        Assert.Equal(UnknownKind.Malformed, result.Reason!.Kind);
        Assert.StartsWith("/sys/bus/pci/devices/x/vendor", result.Reason.Detail);
    }

    [Theory]
    [InlineData("0-3,8-11", "0-3,8-11")]
    [InlineData("4-7,12-15\n", "4-7,12-15")]
    [InlineData("0", "0")]
    public void Cpu_lists(string text, string expected) =>
        Assert.Equal(expected, PciAttributeParser.ParseCpuList("local_cpulist", text).Value);

    [Theory]
    [InlineData("0-3,,4")]
    [InlineData("0-3-5")]
    [InlineData("a-b")]
    [InlineData("")]
    public void Bad_cpu_lists_are_malformed(string text) =>
        Assert.Equal(UnknownKind.Malformed, PciAttributeParser.ParseCpuList("local_cpulist", text).Reason!.Kind);

    [Theory]
    [InlineData("99999999999")]
    [InlineData("one")]
    public void Bad_numa_nodes_are_malformed(string text) =>
        Assert.Equal(UnknownKind.Malformed, PciAttributeParser.ParseInt("numa_node", text).Reason!.Kind);

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String.Sample(text =>
        {
            Assert.True(PciAttributeParser.ParseId("p", text) is var id && (id.IsKnown ? id.Value.Length == 6 : id.Reason!.Kind == UnknownKind.Malformed));
            Assert.True(PciAttributeParser.ParseClass("p", text) is var code && (code.IsKnown ? code.Value is >= 0 and <= 0xffffff : code.Reason!.Kind == UnknownKind.Malformed));
            Assert.True(PciAttributeParser.ParseInt("p", text).IsKnown || PciAttributeParser.ParseInt("p", text).Reason!.Kind == UnknownKind.Malformed);
            Assert.True(PciAttributeParser.ParseCount("p", text) is var count && (count.IsKnown ? count.Value >= 0 : count.Reason!.Kind == UnknownKind.Malformed));
            Assert.True(PciAttributeParser.ParseCpuList("p", text).IsKnown || PciAttributeParser.ParseCpuList("p", text).Reason!.Kind == UnknownKind.Malformed);
        });
    }

    [Fact]
    public void Class_codes_round_trip()
    {
        Gen.Int[0, 0xffffff].Sample(code => Assert.Equal(code, PciAttributeParser.ParseClass("class", $"0x{code:x6}\n").Value));
    }
}
