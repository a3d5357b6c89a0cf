using AiTune.Facts;
using AiTune.Inspection.Cgroups;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Cgroups;

public class PressureParserTests
{
    [Fact]
    public void Real_cpu_file()
    {
        var stall = PressureParser.Parse("/proc/pressure/cpu", File.ReadAllText(FixturePaths.File("files/cgroups/pressure-cpu"))).Value;
        Assert.Equal(new PressureLine(1.59, 5.74, 2.60, 17864385), stall.Some);
        Assert.Equal(new PressureLine(0, 0, 0, 0), stall.Full.Value);
    }

    [Fact]
    public void Real_io_file()
    {
        var stall = PressureParser.Parse("/proc/pressure/io", File.ReadAllText(FixturePaths.File("files/cgroups/pressure-io"))).Value;
        Assert.Equal(new PressureLine(0, 0.05, 0.10, 2754328), stall.Some);
        Assert.Equal(new PressureLine(0, 0.05, 0.10, 2584093), stall.Full.Value);
    }

    [Fact]
    public void Cpu_file_before_full_lines_existed()
    {
        var stall = PressureParser.Parse("/proc/pressure/cpu", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n").Value;
        Assert.Equal(new PressureLine(0, 0, 0, 0), stall.Some);
        Assert.Equal(UnknownKind.Absent, stall.Full.Reason!.Kind);
    }

    [Fact]
    public void A_malformed_full_line_leaves_the_some_line_known()
    {
        var stall = PressureParser.Parse("/proc/pressure/memory",
            "some avg10=1.00 avg60=2.00 avg300=3.00 total=4\nfull avg10=x avg60=0.00 avg300=0.00 total=0\n").Value;
        Assert.Equal(new PressureLine(1, 2, 3, 4), stall.Some);
        Assert.Equal(UnknownKind.Malformed, stall.Full.Reason!.Kind);
        Assert.StartsWith("/proc/pressure/memory", stall.Full.Reason.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n")]
    [InlineData("some avg10=0.00 avg60=0.00 avg300=0.00\n")]
    [InlineData("some avg10=0.00 avg60=0.00 avg300=0.00 total=-1\n")]
    [InlineData("some avg10=100.01 avg60=0.00 avg300=0.00 total=0\n")]
    [InlineData("some avg60=0.00 avg10=0.00 avg300=0.00 total=0\n")]
    [InlineData("some avg10=NaN avg60=0.00 avg300=0.00 total=0\n")]
    [InlineData("some avg10=0.00 avg60=0.00 avg300=0.00 total=99999999999999999999\n")]
    public void Malformed_some_lines_make_the_file_unknown(string text) =>
        Assert.Equal(UnknownKind.Malformed, PressureParser.Parse("/proc/pressure/io", text).Reason!.Kind);

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String.Sample(text =>
        {
            var result = PressureParser.Parse("/proc/pressure/io", text);
            Assert.True(result.IsKnown ? result.Value.Some.Avg10 is >= 0 and <= 100 : result.Reason!.Kind == UnknownKind.Malformed);
        });
    }

    [Fact]
    public void Random_values_in_the_real_shape_never_throw()
    {
        Gen.Select(Gen.String, Gen.String).Sample((a, b) =>
        {
            var result = PressureParser.Parse("/proc/pressure/cpu", $"some avg10={a} avg60=0.00 avg300=0.00 total={b}\nfull {a} {b}\n");
            Assert.True(result.IsKnown || result.Reason!.Kind == UnknownKind.Malformed);
        });
    }

    [Fact]
    public void Lines_as_the_kernel_prints_them_round_trip()
    {
        Gen.Select(Gen.Int[0, 10000], Gen.Int[0, 10000], Gen.Long[0, long.MaxValue]).Sample((a, b, total) =>
        {
            var text = $"some avg10={a / 100}.{a % 100:D2} avg60={b / 100}.{b % 100:D2} avg300=0.00 total={total}\n";
            var line = PressureParser.Parse("/proc/pressure/io", text).Value.Some;
            Assert.Equal(a / 100.0, line.Avg10, 6);
            Assert.Equal(b / 100.0, line.Avg60, 6);
            Assert.Equal(total, line.TotalUs);
        });
    }
}
