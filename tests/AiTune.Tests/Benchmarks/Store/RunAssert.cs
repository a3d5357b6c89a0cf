using System.Text.Json;
using AiTune.Benchmarks;
using AiTune.Serialization;

namespace AiTune.Tests.Benchmarks.Store;

/// <summary>Deep equality of runs: records compare their lists by reference, so runs are compared as their JSON
/// documents (doubles written in round-trip form), and every sample once more bit for bit.</summary>
public static class RunAssert
{
    public static void Equal(BenchmarkRun expected, BenchmarkRun actual, bool ignoreId = false)
    {
        if (ignoreId)
        {
            expected = expected with { Id = 0 };
            actual = actual with { Id = 0 };
        }

        Assert.Equal(Json(expected), Json(actual));
        Assert.Equal(expected.StartedAt.Offset, actual.StartedAt.Offset);
        Assert.Equal(expected.StartedAt.UtcTicks, actual.StartedAt.UtcTicks);
        Assert.Equal(expected.FinishedAt.UtcTicks, actual.FinishedAt.UtcTicks);
        var expectedBits = expected.Cases.SelectMany(c => c.Metrics).SelectMany(m => m.Samples).Select(BitConverter.DoubleToInt64Bits).ToList();
        var actualBits = actual.Cases.SelectMany(c => c.Metrics).SelectMany(m => m.Samples).Select(BitConverter.DoubleToInt64Bits).ToList();
        Assert.Equal(expectedBits, actualBits);
    }

    public static string Json(BenchmarkRun run) => JsonSerializer.Serialize(run, AiTune.Benchmarks.Store.StoreJsonContext.Default.BenchmarkRun);
}
