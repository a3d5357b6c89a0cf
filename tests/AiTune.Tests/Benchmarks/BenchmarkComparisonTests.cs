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

    /// <summary>A model-load run of the given workload: its one case records its parameters as the runner does.</summary>
    private static BenchmarkRun ModelLoad(long id, string fileBytes, string mode = "standard", string threads = "8", bool recorded = true)
    {
        var run = BenchmarkRunSamples.Create(null, ("model-load", "parallel/thp", "throughput", MetricDirection.HigherIsBetter, [2.1, 2.2, 2.15, 2.18, 2.12]));
        var parameters = new Dictionary<string, string> { ["model"] = "synthetic", ["file-bytes"] = fileBytes, ["threads"] = threads, [CaseResult.ModeParameter] = mode };
        return run with
        {
            Id = id,
            Uid = Guid.NewGuid().ToString(),
            Settings = run.Settings with { Quick = mode == "quick" },
            Cases = [run.Cases[0] with { Parameters = recorded ? parameters : null }],
        };
    }

    [Fact]
    public void Runs_of_different_workloads_are_refused_with_what_differs()
    {
        var error = Assert.Throws<AiTuneException>(() => BenchmarkComparison.Compare([ModelLoad(1, "2147483648")], [ModelLoad(2, "268435456", mode: "quick")]));

        Assert.Equal("the runs measured different workloads: model-load/parallel/thp/throughput: file-bytes 2147483648 → 268435456, mode standard → quick", error.Message);
        Assert.Contains("--force", error.Hint);
    }

    [Fact]
    public void Forced_mismatched_metrics_are_compared_and_marked_and_matching_ones_are_not_marked()
    {
        var forced = BenchmarkComparison.Compare([ModelLoad(1, "2147483648", threads: "8")], [ModelLoad(2, "2147483648", threads: "2")], forceMismatched: true);
        var matching = BenchmarkComparison.Compare([ModelLoad(1, "2147483648")], [ModelLoad(2, "2147483648")]);

        var mismatch = Assert.Single(forced.Mismatched);
        Assert.True(mismatch.Compared);
        Assert.Equal(("threads", "8", "2"), (mismatch.Differences[0].Field, mismatch.Differences[0].Baseline, mismatch.Differences[0].Candidate));
        Assert.Single(forced.Result!.Metrics);
        Assert.Empty(matching.Mismatched);
        Assert.Single(matching.Result!.Metrics);
    }

    [Fact]
    public void Sets_whose_runs_disagree_among_themselves_list_every_value_of_the_side()
    {
        var comparison = BenchmarkComparison.Compare([ModelLoad(1, "1024"), ModelLoad(3, "2048")], [ModelLoad(2, "1024")], forceMismatched: true);

        var difference = Assert.Single(Assert.Single(comparison.Mismatched).Differences);
        Assert.Equal(("file-bytes", "1024 | 2048", "1024"), (difference.Field, difference.Baseline, difference.Candidate));
    }

    [Fact]
    public void Runs_stored_before_parameters_were_recorded_are_checked_on_their_mode_and_listed()
    {
        var sameMode = BenchmarkComparison.Compare([ModelLoad(1, "1024", recorded: false)], [ModelLoad(2, "2048")]);

        Assert.Empty(sameMode.Mismatched);
        Assert.Equal([1L], sameMode.UnrecordedWorkload);
        var error = Assert.Throws<AiTuneException>(() => BenchmarkComparison.Compare([ModelLoad(1, "1024", recorded: false)], [ModelLoad(2, "1024", mode: "quick")]));
        Assert.Contains("mode standard → quick", error.Message);
    }

    [Fact]
    public void A_run_on_both_sides_is_refused_by_id_or_by_identity()
    {
        var run = ModelLoad(4, "1024");

        var byId = Assert.Throws<AiTuneException>(() => BenchmarkComparison.Compare([run, ModelLoad(5, "1024")], [run]));
        var byUid = Assert.Throws<AiTuneException>(() => BenchmarkComparison.Compare([run], [run with { Id = 9 }]));

        Assert.Equal("run 4 is on both sides of the compare", byId.Message);
        Assert.Equal("runs 4 and 9 are the same run (imported twice)", byUid.Message);
        Assert.Contains("always shows no change", byId.Hint);
    }

    [Fact]
    public void Runs_taken_on_a_busy_host_are_listed_with_why()
    {
        var quiet = ModelLoad(1, "1024") with { Load = new AiTune.Benchmarks.Load.RunLoad(0.01, 0.03, "model-load/parallel/thp", 0, 0.9, null, null, null, 0.5) };
        var busy = ModelLoad(2, "1024") with { Load = new AiTune.Benchmarks.Load.RunLoad(0.35, 0.62, "model-load/parallel/thp", 0, 0.5, new(71.7, 0), null, null, 5.6) };
        var stolen = ModelLoad(3, "1024") with { Load = new AiTune.Benchmarks.Load.RunLoad(0.02, 0.04, null, 0.15, 0.8, null, null, null, null) };

        var comparison = BenchmarkComparison.Compare([quiet], [busy, stolen]);

        Assert.Equal(
            [
                "2: other processes took 62% of the CPU time during model-load/parallel/thp (the limit is 10%)",
                "3: the hypervisor stole 15% of the CPU time (the limit is 10%)",
            ],
            comparison.BusyRuns.Select(b => $"{b.Run}: {b.Reason}"));
    }

    [Fact]
    public void The_clocksource_and_virtualization_are_host_differences()
    {
        var tsc = Run(256) with { Environment = BenchmarkRunSamples.Environment() with { Clocksource = "tsc", Virtualization = "none" } };
        var hpet = Run(256) with { Environment = BenchmarkRunSamples.Environment() with { Clocksource = "hpet", Virtualization = "kvm" } };

        Assert.Equal(["virtualization: none → kvm", "clocksource: tsc → hpet"],
            BenchmarkComparison.Compare([tsc], [hpet]).Differences.Select(d => $"{d.Field}: {d.Baseline} → {d.Candidate}"));
    }
}
