using AiTune.Facts;
using AiTune.Inspection.Kernel;

namespace AiTune.Tests.Inspection.Kernel;

public sealed class LastParsedConfigTests
{
    private int parses;

    private Fact<KernelConfigFile> Parse(byte[] bytes)
    {
        parses++;
        return new KernelConfigFile(new Dictionary<string, string> { ["CONFIG_HZ"] = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) }, [], 0);
    }

    [Fact]
    public void The_same_bytes_from_the_same_path_are_parsed_once_and_anything_else_again()
    {
        var memo = new LastParsedConfig();
        var first = memo.GetOrParse("/proc/config.gz", [1, 2, 3], Parse);
        var again = memo.GetOrParse("/proc/config.gz", [1, 2, 3], Parse);
        Assert.Equal(1, parses);
        Assert.Same(first.Value, again.Value);

        var changed = memo.GetOrParse("/proc/config.gz", [1, 2, 4], Parse);
        Assert.Equal(2, parses);
        Assert.NotSame(first.Value, changed.Value);

        memo.GetOrParse("/boot/config-6.12.0", [1, 2, 4], Parse);
        Assert.Equal(3, parses);

        var longer = memo.GetOrParse("/boot/config-6.12.0", [1, 2, 4, 5], Parse);
        Assert.Equal(4, parses);
        Assert.Equal("4", longer.Value.Options["CONFIG_HZ"]);
    }
}
