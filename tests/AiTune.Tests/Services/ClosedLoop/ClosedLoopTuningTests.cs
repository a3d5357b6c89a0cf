using AiTune.Benchmarks.Statistics;
using AiTune.Services;
using AiTune.Services.Benchmarking;
using AiTune.Services.ClosedLoop;
using AiTune.Services.Transactions;

namespace AiTune.Tests.Services.ClosedLoop;

/// <summary>What `tune` checks before it changes or measures anything. The loop itself is held to its word by
/// <see cref="TuningLoopTests"/> on a scripted host.</summary>
public class ClosedLoopTuningTests
{
    private static TuneRequest Request(string? root = null, string suites = "memory", SuiteArguments? measurement = null) => new(
        new TuningTarget(root, null, []),
        new PlanRequest("inference-latency", ModelSpecification.None, false, 80),
        suites,
        measurement ?? new SuiteArguments(),
        new ClosedLoopSettings(null, new ComparisonSettings(0.02, 0.05), false, false, false),
        Database: null,
        Save: false,
        "tester",
        0);

    [Fact]
    public void Tune_measures_the_host_it_runs_on_so_a_root_is_refused()
    {
        var error = Assert.Throws<AiTuneException>(() => ClosedLoopTuning.Prepare(Request(root: "/srv/hosts/gpu-7"), "0.0-test"));

        Assert.Equal("tune measures the host it runs on, so it cannot tune --root /srv/hosts/gpu-7", error.Message);
        Assert.Equal("run tune on that host itself; aitune plan --root shows what a profile would change in a host tree or snapshot", error.Hint);
    }

    [Fact]
    public void Unknown_suites_and_bad_suite_options_are_refused_before_the_host_is_touched()
    {
        var suites = Assert.Throws<AiTuneException>(() => ClosedLoopTuning.Prepare(Request(suites: "memory,gpu-burn"), "0.0-test"));
        var scratch = Assert.Throws<AiTuneException>(() => ClosedLoopTuning.Prepare(
            Request(measurement: new SuiteArguments { ScratchDirectory = "/nonexistent/scratch" }), "0.0-test"));

        Assert.Contains("gpu-burn", suites.Message, StringComparison.Ordinal);
        Assert.Equal("the scratch directory /nonexistent/scratch does not exist", scratch.Message);
    }
}
