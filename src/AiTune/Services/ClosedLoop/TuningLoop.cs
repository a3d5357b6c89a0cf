using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using AiTune.Tuning.Transactions;

namespace AiTune.Services.ClosedLoop;

/// <summary>
/// The closed loop: keep a profile only when the numbers show nothing got slower. It measures the host without and
/// with the profile in interleaved rounds (<see cref="InterleavedSchedule"/>), applying and rolling back between them,
/// then compares all baseline runs with all candidate runs with the run as the replicate (<see cref="RunComparison"/>),
/// and decides:
/// <list type="bullet">
/// <item>kept, when metrics that could show a change were measured and none got significantly slower;</item>
/// <item>rolled back, when one got slower, and also when no metric could show a change at all (too few runs a side
/// for the number of metrics): no evidence is never a pass;</item>
/// <item>and before deciding, it refuses runs taken on a busy host unless told otherwise, and stops cleanly on
/// Ctrl-C, a failed apply or a baseline that measured nothing, with the host as it was.</item>
/// </list>
/// The host is on the baseline when the loop starts and on the side of its decision when it returns, whatever
/// happened in between (an exception from an apply or a measurement rolls the profile back before it propagates).
/// </summary>
public sealed class TuningLoop(IProfileSwitch host, IRunMeasurer measurer, ClosedLoopSettings settings, IClosedLoopObserver? observer = null)
{
    public ClosedLoopOutcome Run(CancellationToken cancellation)
    {
        double alpha = settings.Comparison.SignificanceLevel;
        int needed = RunComparison.RunsPerSideNeeded(measurer.MetricCount, alpha);
        int perSide = settings.RunsPerSide ?? needed;
        if (perSide is < 1 or > ClosedLoopSettings.MaxRunsPerSide)
        {
            throw new AiTuneException($"{perSide} runs a side: give 1 to {ClosedLoopSettings.MaxRunsPerSide}",
                $"leave --rounds out for the fewest that can show a change ({needed} for {measurer.MetricCount} metrics at α = {alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }

        observer?.Planned(perSide, needed, measurer.MetricCount);
        var schedule = InterleavedSchedule.Of(perSide);
        var state = new LoopState();
        try
        {
            var stop = Measure(schedule, state, cancellation);
            if (stop is not null)
            {
                var rollback = ToBaseline(state);
                return Outcome(TuneDecision.RolledBack, stop.Value.Stop, stop.Value.Reason, perSide, needed, state, null, rollback, null);
            }

            var comparison = BenchmarkComparison.Compare(state.Baseline, state.Candidate, settings.Comparison);
            bool decisive = comparison.Result?.Metrics.Any(m => m.Verdict != ChangeVerdict.Undecidable) ?? false;
            bool kept = decisive && !comparison.AnyRegressed;
            var decision = kept ? TuneDecision.Kept : settings.KeepAnyway ? TuneDecision.KeptDespiteRegression : TuneDecision.RolledBack;
            return decision == TuneDecision.RolledBack
                ? Outcome(decision, LoopStop.Completed, null, perSide, needed, state, comparison, ToBaseline(state), null)
                : Outcome(decision, LoopStop.Completed, null, perSide, needed, state, comparison, null, ToCandidate(state));
        }
        catch
        {
            if (state.Arm == LoopArm.Candidate)
            {
                host.Rollback();
            }

            throw;
        }
    }

    /// <summary>Measures every run of the schedule, switching the host between runs; the reason when it stops early.</summary>
    private (LoopStop Stop, string Reason)? Measure(IReadOnlyList<LoopArm> schedule, LoopState state, CancellationToken cancellation)
    {
        for (int i = 0; i < schedule.Count; i++)
        {
            var arm = schedule[i];
            if (cancellation.IsCancellationRequested)
            {
                return (LoopStop.Interrupted, "interrupted");
            }

            if (arm != state.Arm)
            {
                if (arm == LoopArm.Candidate)
                {
                    var applied = host.Apply(persist: false);
                    observer?.Applied(applied, state.FirstApply is null);
                    state.FirstApply ??= applied;
                    if (applied.RolledBack)
                    {
                        var failure = applied.Changes.FirstOrDefault(c => c.Outcome == ChangeOutcome.Failed);
                        return (LoopStop.ApplyFailed, failure is null ? "the apply failed and was rolled back" : $"{failure.Id}: {failure.Note}; the apply was rolled back");
                    }
                }
                else
                {
                    // Not observer?.RolledBack(host.Rollback()): without an observer that would skip the rollback too.
                    var rolledBack = host.Rollback();
                    observer?.RolledBack(rolledBack);
                }

                state.Arm = arm;
            }

            int index = state.Runs.Count(r => r.Arm == arm) + 1;
            observer?.Measuring(arm, i + 1, schedule.Count);
            string side = arm == LoopArm.Baseline ? "baseline" : "candidate";
            var run = measurer.Measure($"tune {host.Profile}: {side} {index}/{schedule.Count / 2}", cancellation);
            state.Runs.Add((arm, run));
            observer?.Measured(run);
            if (run.Partial)
            {
                return (LoopStop.Interrupted, "interrupted");
            }

            if (run.Load?.BusyReason is { } busy && !settings.AllowBusy)
            {
                return (LoopStop.Busy, $"the {side} run {index} was taken on a busy host: {busy}");
            }

            if (state.Runs.Count == 1 && !run.Metrics().Any())
            {
                return (LoopStop.NothingMeasured, "nothing could be measured: " + string.Join("; ", run.Cases.Select(c => $"{c.FullName}: {c.Reason}")));
            }
        }

        return null;
    }

    private RollbackReport? ToBaseline(LoopState state)
    {
        if (state.Arm == LoopArm.Baseline)
        {
            return null;
        }

        var report = host.Rollback();
        state.Arm = LoopArm.Baseline;
        return report;
    }

    /// <summary>Leaves the profile applied: an apply when the last run was a baseline run, or to write the
    /// persistence files.</summary>
    private ApplyReport? ToCandidate(LoopState state)
    {
        if (state.Arm == LoopArm.Candidate && !settings.Persist)
        {
            return null;
        }

        var report = host.Apply(settings.Persist);
        state.Arm = LoopArm.Candidate;
        return report;
    }

    private ClosedLoopOutcome Outcome(TuneDecision decision, LoopStop stop, string? reason, int perSide, int needed, LoopState state,
        BenchmarkComparison? comparison, RollbackReport? rollback, ApplyReport? apply) =>
        new(host.Profile, decision, stop, reason, perSide, needed, state.Runs, state.FirstApply, comparison, rollback, apply);

    private sealed class LoopState
    {
        public LoopArm Arm { get; set; } = LoopArm.Baseline;

        public List<(LoopArm Arm, BenchmarkRun Run)> Runs { get; } = [];

        public ApplyReport? FirstApply { get; set; }

        public IReadOnlyList<BenchmarkRun> Baseline => Runs.Where(r => r.Arm == LoopArm.Baseline).Select(r => r.Run).ToList();

        public IReadOnlyList<BenchmarkRun> Candidate => Runs.Where(r => r.Arm == LoopArm.Candidate).Select(r => r.Run).ToList();
    }
}
