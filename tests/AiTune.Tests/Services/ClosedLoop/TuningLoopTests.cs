using AiTune.Benchmarks.Statistics;
using AiTune.Services.ClosedLoop;

namespace AiTune.Tests.Services.ClosedLoop;

/// <summary>The closed loop on a scripted host with made-up metrics whose run-to-run spread is larger than the spread
/// of the repetitions within a run, as on a shared VM: it must call an A/A loop "no change" at most as often as α says,
/// find a real shift, and leave the host on the side of its decision whatever stops it.</summary>
public sealed class TuningLoopTests
{
    /// <summary>A thousand resamples keep a simulation of hundreds of loops to seconds; the verdict rule is the same.</summary>
    private static readonly ClosedLoopSettings Settings = new(null, new ComparisonSettings(bootstrap: new BootstrapSettings(resamples: 1_000)), false, false, false);

    [Fact]
    public void The_schedule_interleaves_abba_and_baab_and_balances_the_sides()
    {
        Assert.Equal("AB", Letters(InterleavedSchedule.Of(1)));
        Assert.Equal("ABBA", Letters(InterleavedSchedule.Of(2)));
        Assert.Equal("ABBABAAB", Letters(InterleavedSchedule.Of(4)));
        Assert.Equal("ABBABAABABBA", Letters(InterleavedSchedule.Of(6)));
        for (int n = 1; n <= ClosedLoopSettings.MaxRunsPerSide; n++)
        {
            var schedule = InterleavedSchedule.Of(n);
            Assert.Equal(n, schedule.Count(a => a == LoopArm.Baseline));
            Assert.Equal(n, schedule.Count(a => a == LoopArm.Candidate));
            Assert.Equal(LoopArm.Baseline, schedule[0]);
        }

        static string Letters(IReadOnlyList<LoopArm> arms) => string.Concat(arms.Select(a => a == LoopArm.Baseline ? 'A' : 'B'));
    }

    [Fact]
    public void An_aa_loop_calls_a_change_at_most_as_often_as_alpha_allows()
    {
        const int loops = 200;
        int calledChange = 0;
        int kept = 0;
        for (int seed = 1; seed <= loops; seed++)
        {
            var host = new ScriptedSwitch();
            var outcome = new TuningLoop(host, new SyntheticMeasurer(host, seed), Settings).Run(CancellationToken.None);
            Assert.Equal(LoopStop.Completed, outcome.Stop);
            Assert.Equal(5, outcome.RunsPerSide); // 3 metrics at α = 0.05: 3 · 2/252 < 0.05, 3 · 2/70 is not
            if (outcome.Comparison!.Result!.Metrics.Any(m => m.Verdict is ChangeVerdict.Improved or ChangeVerdict.Regressed))
            {
                calledChange++;
            }

            if (outcome.Decision == TuneDecision.Kept)
            {
                kept++;
                Assert.Equal(LoopArm.Candidate, host.Arm);
            }
            else
            {
                Assert.Equal(LoopArm.Baseline, host.Arm);
            }
        }

        // Holm keeps the chance of any false call in a loop at most α = 5 %: at most 10 of 200 (and the noise band
        // makes it rarer still).
        Assert.InRange(calledChange, 0, loops / 20);
        Assert.True(kept >= loops - loops / 20, $"{kept} of {loops} A/A loops kept");
    }

    [Fact]
    public void A_ten_percent_slowdown_of_one_metric_is_found_and_rolled_back()
    {
        var host = new ScriptedSwitch();
        var measurer = new SyntheticMeasurer(host, seed: 7, candidateFactor: 0.9);

        var outcome = new TuningLoop(host, measurer, Settings).Run(CancellationToken.None);

        Assert.Equal(TuneDecision.RolledBack, outcome.Decision);
        Assert.Equal(["synthetic/case0/throughput"], outcome.Slower);
        Assert.All(outcome.Comparison!.Result!.Metrics.Skip(1), m => Assert.Equal(ChangeVerdict.NoSignificantChange, m.Verdict));
        Assert.Equal(LoopArm.Baseline, host.Arm);
        Assert.Equal(10, measurer.Labels.Count);
        Assert.Equal("tune scripted: baseline 1/5", measurer.Labels[0]);
        Assert.Equal("tune scripted: candidate 1/5", measurer.Labels[1]);
        // A B B A B A A B A B: four applies and three rollbacks between the runs, then the rollback of the decision.
        Assert.Equal(["apply", "rollback", "apply", "rollback", "apply", "rollback", "apply", "rollback"], host.Calls);
        Assert.NotNull(outcome.FinalRollback);
        Assert.NotNull(outcome.FirstApply);
    }

    [Fact]
    public void The_loop_finds_a_ten_percent_shift_in_nearly_every_trial()
    {
        int found = 0;
        for (int seed = 1; seed <= 50; seed++)
        {
            var host = new ScriptedSwitch();
            var outcome = new TuningLoop(host, new SyntheticMeasurer(host, seed, candidateFactor: 0.9), Settings).Run(CancellationToken.None);
            found += outcome.Slower.SequenceEqual(["synthetic/case0/throughput"]) ? 1 : 0;
        }

        Assert.True(found >= 45, $"found in {found} of 50");
    }

    [Fact]
    public void A_faster_profile_is_kept_and_left_applied()
    {
        var host = new ScriptedSwitch();

        var outcome = new TuningLoop(host, new SyntheticMeasurer(host, seed: 3, candidateFactor: 1.15), Settings).Run(CancellationToken.None);

        Assert.Equal(TuneDecision.Kept, outcome.Decision);
        Assert.Equal(ChangeVerdict.Improved, outcome.Comparison!.Result!.Metrics[0].Verdict);
        Assert.Equal(LoopArm.Candidate, host.Arm);
        Assert.Null(outcome.FinalRollback);
        // Five runs a side end on a candidate run: nothing to apply again.
        Assert.Null(outcome.FinalApply);
    }

    [Fact]
    public void A_kept_profile_with_persist_is_applied_once_more_with_its_files()
    {
        var host = new ScriptedSwitch();

        var outcome = new TuningLoop(host, new SyntheticMeasurer(host, seed: 3, candidateFactor: 1.15), Settings with { Persist = true }).Run(CancellationToken.None);

        Assert.Equal(TuneDecision.Kept, outcome.Decision);
        Assert.Equal("apply+persist", host.Calls[^1]);
        Assert.True(host.Persisted);
        Assert.NotNull(outcome.FinalApply);
    }

    [Fact]
    public void Too_few_runs_to_show_a_change_is_no_evidence_and_is_rolled_back_unless_kept_anyway()
    {
        var host = new ScriptedSwitch();
        var outcome = new TuningLoop(host, new SyntheticMeasurer(host, seed: 3, candidateFactor: 1.15), Settings with { RunsPerSide = 2 }).Run(CancellationToken.None);
        var keptHost = new ScriptedSwitch();
        var kept = new TuningLoop(keptHost, new SyntheticMeasurer(keptHost, seed: 3, candidateFactor: 1.15), Settings with { RunsPerSide = 2, KeepAnyway = true }).Run(CancellationToken.None);

        Assert.Equal((2, 5), (outcome.RunsPerSide, outcome.RunsPerSideNeeded));
        Assert.All(outcome.Comparison!.Result!.Metrics, m => Assert.Equal(ChangeVerdict.Undecidable, m.Verdict));
        Assert.Equal(0, outcome.DecisiveMetrics);
        Assert.Equal(TuneDecision.RolledBack, outcome.Decision);
        Assert.Equal(LoopArm.Baseline, host.Arm);
        Assert.Equal(TuneDecision.KeptDespiteRegression, kept.Decision);
        Assert.Equal(LoopArm.Candidate, keptHost.Arm);
    }

    [Fact]
    public void A_run_on_a_busy_host_stops_the_loop_with_the_host_as_before_unless_busy_runs_are_allowed()
    {
        var host = new ScriptedSwitch();
        var measurer = new SyntheticMeasurer(host, seed: 3) { BusyRuns = [3] };
        var allowedHost = new ScriptedSwitch();
        var allowed = new SyntheticMeasurer(allowedHost, seed: 3) { BusyRuns = [3] };

        var outcome = new TuningLoop(host, measurer, Settings).Run(CancellationToken.None);
        var decided = new TuningLoop(allowedHost, allowed, Settings with { AllowBusy = true }).Run(CancellationToken.None);

        Assert.Equal(LoopStop.Busy, outcome.Stop);
        Assert.Equal(TuneDecision.RolledBack, outcome.Decision);
        Assert.Equal("the candidate run 2 was taken on a busy host: other processes took 45% of the CPU time during synthetic/case0 (the limit is 10%)", outcome.StopReason);
        Assert.Equal(3, measurer.Labels.Count);
        Assert.Equal(LoopArm.Baseline, host.Arm);
        Assert.Null(outcome.Comparison);
        Assert.Equal(LoopStop.Completed, decided.Stop);
        Assert.Equal(10, allowed.Labels.Count);
        Assert.Equal([3L], decided.Comparison!.BusyRuns.Select(b => b.Run));
    }

    [Fact]
    public void An_interrupted_run_stops_the_loop_with_the_host_as_before()
    {
        var host = new ScriptedSwitch();
        var measurer = new SyntheticMeasurer(host, seed: 3) { InterruptAt = 2 };

        var outcome = new TuningLoop(host, measurer, Settings).Run(CancellationToken.None);

        Assert.Equal(LoopStop.Interrupted, outcome.Stop);
        Assert.Equal(LoopArm.Baseline, host.Arm);
        Assert.Equal(["apply", "rollback"], host.Calls);
        Assert.Equal(2, outcome.Runs.Count);
    }

    [Fact]
    public void A_cancelled_loop_measures_nothing_more_and_leaves_the_host_as_before()
    {
        var host = new ScriptedSwitch();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var outcome = new TuningLoop(host, new SyntheticMeasurer(host, seed: 3), Settings).Run(cancelled.Token);

        Assert.Equal(LoopStop.Interrupted, outcome.Stop);
        Assert.Empty(outcome.Runs);
        Assert.Empty(host.Calls);
    }

    [Fact]
    public void A_failed_apply_stops_the_loop_and_says_which_knob()
    {
        var host = new ScriptedSwitch(failApply: 2);
        var measurer = new SyntheticMeasurer(host, seed: 3);

        var outcome = new TuningLoop(host, measurer, Settings).Run(CancellationToken.None);

        Assert.Equal(LoopStop.ApplyFailed, outcome.Stop);
        Assert.Equal("sysctl:vm.swappiness: the kernel refused 10; the apply was rolled back", outcome.StopReason);
        Assert.Equal(LoopArm.Baseline, host.Arm);
        // A, B, B (apply 1), A (rollback), then the second apply failed: the fourth run never started.
        Assert.Equal(4, measurer.Labels.Count);
    }

    [Fact]
    public void A_failure_while_the_profile_is_applied_rolls_it_back_before_it_propagates()
    {
        var host = new ScriptedSwitch();
        var measurer = new SyntheticMeasurer(host, seed: 3) { ThrowAt = 2 };

        var error = Assert.Throws<AiTuneException>(() => new TuningLoop(host, measurer, Settings).Run(CancellationToken.None));

        Assert.Equal("the scratch disk is full", error.Message);
        Assert.Equal(LoopArm.Baseline, host.Arm);
        Assert.Equal(["apply", "rollback"], host.Calls);
    }

    [Fact]
    public void More_runs_a_side_than_the_rank_test_enumerates_are_refused_before_anything_runs()
    {
        var host = new ScriptedSwitch();

        var error = Assert.Throws<AiTuneException>(() => new TuningLoop(host, new SyntheticMeasurer(host, seed: 3), Settings with { RunsPerSide = 26 }).Run(CancellationToken.None));

        Assert.Equal("26 runs a side: give 1 to 25", error.Message);
        Assert.Contains("5 for 3 metrics", error.Hint);
        Assert.Empty(host.Calls);
    }
}
