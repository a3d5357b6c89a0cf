using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks;

public sealed class BenchmarkComparisonTests
{
    private static BenchmarkRun Run(int? vectorBits, string kernel = "6.8.0-51-generic") =>
        BenchmarkRunSamples.Create(null, ("memory", "triad/single", "bandwidth", MetricDirection.HigherIsBetter, [17.1, 17.4, 17.2, 17.3, 17.0]))
            with { Environment = BenchmarkRunSamples.Environment(kernel) with { VectorBits = vectorBits } };

    [Fact]
    public void Runs_from_builds_of_different_vector_widths_list_the_width_beside_the_kernel()
    {
        var comparison = BenchmarkComparison.Compare([Run(128)], [Run(256, "6.12.9-lts")]);

        Assert.Equal(
            ["kernel: 6.8.0-51-generic → 6.12.9-lts", "vector bits: 128 → 256"],
            comparison.Differences.Select(d => $"{d.Field}: {d.Baseline} → {d.Candidate}"));
    }

    [Fact]
    public void A_run_stored_before_the_width_was_recorded_shows_it_as_unknown_and_equal_widths_show_nothing()
    {
        var unknown = Assert.Single(BenchmarkComparison.Compare([Run(null)], [Run(128)]).Differences);
        Assert.Equal(("vector bits", "unknown", "128"), (unknown.Field, unknown.Baseline, unknown.Candidate));

        Assert.Empty(BenchmarkComparison.Compare([Run(256)], [Run(256)]).Differences);
    }
}
