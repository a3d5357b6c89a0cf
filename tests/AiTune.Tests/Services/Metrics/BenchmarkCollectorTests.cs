using AiTune.Metrics;
using AiTune.Services.Metrics;

namespace AiTune.Tests.Services.Metrics;

public class BenchmarkCollectorTests
{
    [Theory]
    [InlineData("µs", "seconds", 1e-6)]
    [InlineData("ns", "seconds", 1e-9)]
    [InlineData("ms", "seconds", 1e-3)]
    [InlineData("GB/s", "bytes_per_second", 1e9)]
    [InlineData("MB/s", "bytes_per_second", 1e6)]
    [InlineData("trans/s", "per_second", 1)]
    [InlineData("instructions", "instructions", 1)]
    public void Units_become_base_units(string unit, string baseUnit, double factor) =>
        Assert.Equal((baseUnit, factor), BenchmarkCollector.BaseUnit(unit));

    [Fact]
    public void A_store_that_does_not_exist_is_not_created()
    {
        var path = Path.Join(Path.GetTempPath(), "aitune-no-store-" + Guid.NewGuid().ToString("N"), "results.db");
        var output = new CollectorOutput();
        new BenchmarkCollector(path, defaultStore: true).Collect(output);

        Assert.Empty(output.Families);
        Assert.True(output.Complete);
        Assert.False(File.Exists(path));
    }
}
