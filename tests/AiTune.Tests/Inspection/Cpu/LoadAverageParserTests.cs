using AiTune.Inspection.Cpu;
using CsCheck;

namespace AiTune.Tests.Inspection.Cpu;

public sealed class LoadAverageParserTests
{
    [Fact]
    public void The_first_field_is_the_one_minute_average()
    {
        Assert.Equal(5.6, LoadAverageParser.ParseOneMinute("5.60 4.86 3.38 3/412 98765\n", "/proc/loadavg").Value);
    }

    [Fact]
    public void This_machines_load_average_parses()
    {
        Assert.True(LoadAverageParser.ParseOneMinute(File.ReadAllText("/proc/loadavg"), "/proc/loadavg").Value >= 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1.00 0 0 1/1 1")]
    [InlineData("high 0 0 1/1 1")]
    public void Anything_else_is_unknown(string text) =>
        Assert.False(LoadAverageParser.ParseOneMinute(text, "/proc/loadavg").IsKnown);

    [Fact]
    public void Hostile_content_never_throws_and_never_reads_a_negative_load() =>
        Gen.String.Sample(text => LoadAverageParser.ParseOneMinute(text, "/proc/loadavg") is var load && (!load.IsKnown || load.Value >= 0));
}
