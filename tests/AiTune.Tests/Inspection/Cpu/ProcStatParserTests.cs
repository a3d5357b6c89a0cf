using AiTune.Inspection.Cpu;
using CsCheck;

namespace AiTune.Tests.Inspection.Cpu;

public sealed class ProcStatParserTests
{
    [Fact]
    public void The_aggregate_cpu_line_gives_every_state_and_guest_time_is_not_counted_twice()
    {
        const string text = "cpu  74608 2520 24433 1117073 6176 4054 4155 1270 9000 0\ncpu0 37304 1260 12216 558536 3088 2027 2077 635 4500 0\nintr 1234\n";

        var times = ProcStatParser.Parse(text, "/proc/stat").Value;

        Assert.Equal(new CpuTimes(74608, 2520, 24433, 1117073, 6176, 4054, 4155, 1270), times);
        Assert.Equal(74608 + 2520 + 24433, times.Tasks);
        Assert.Equal(74608 + 2520 + 24433 + 4054 + 4155 + 1117073 + 6176 + 1270, times.Total);
    }

    [Fact]
    public void An_old_kernel_without_steal_reads_zero_steal()
    {
        Assert.Equal(0, ProcStatParser.Parse("cpu  10 0 5 100\n", "/proc/stat").Value.Steal);
    }

    [Fact]
    public void This_machines_proc_stat_parses_and_counts_some_time()
    {
        var times = ProcStatParser.Parse(File.ReadAllText("/proc/stat"), "/proc/stat").Value;

        Assert.True(times.Total > times.Tasks && times.Tasks > 0, $"{times}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("intr 1 2 3\n")]
    [InlineData("cpu  1 2 three 4 5 6 7 8\n")]
    [InlineData("cpu  -1 2 3 4 5 6 7 8\n")]
    [InlineData("cpu  1 2 3 4 5 6 7 8 9 10 11 12\n")]
    [InlineData("cpu0 1 2 3 4 5 6 7 8\n")]
    public void A_malformed_first_line_is_unknown_with_the_reason(string text)
    {
        var times = ProcStatParser.Parse(text, "/proc/stat");

        Assert.False(times.IsKnown);
        Assert.StartsWith("/proc/stat: ", times.Reason!.Detail);
    }

    [Fact]
    public void Hostile_content_never_throws() =>
        Gen.String.Sample(text =>
        {
            var times = ProcStatParser.Parse(text, "/proc/stat");
            return !times.IsKnown || times.Value.Total >= 0 || times.Value.User >= 0;
        });
}
