using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using Xunit;

namespace AiTune.Tests.Benchmarks;

public sealed class BenchmarkRunnerTests
{
    private static RunSettings Settings(int warmup = 2, double target = 0.02, int min = 5, int max = 40, double budgetSeconds = 3600) =>
        new(warmup, new RepetitionSettings(target, min, max), TimeSpan.FromSeconds(budgetSeconds), false);

    [Fact]
    public void Warm_up_repetitions_are_measured_and_discarded()
    {
        var scripted = new ScriptedCase(i => i < 2 ? 1000 : 10);

        var result = new BenchmarkRunner(Settings()).Run(scripted, null, default);

        Assert.Equal(2, result.WarmupCount);
        Assert.DoesNotContain(1000.0, result.Metrics[0].Samples);
        Assert.Equal(scripted.Measured - 2, result.Metrics[0].Samples.Count);
    }

    [Fact]
    public void Identical_samples_meet_the_target_at_the_minimum_count()
    {
        var result = new BenchmarkRunner(Settings()).Run(new ScriptedCase(_ => 10), null, default);

        Assert.Equal(CaseOutcome.TargetMet, result.Outcome);
        Assert.Null(result.Reason);
        Assert.Equal(Enumerable.Repeat(10.0, 5), result.Metrics[0].Samples);
    }

    [Fact]
    public void Samples_too_noisy_for_the_target_stop_at_the_maximum_and_say_so()
    {
        var result = new BenchmarkRunner(Settings()).Run(new ScriptedCase(i => i % 2 == 0 ? 10 : 30), null, default);

        Assert.Equal(CaseOutcome.MaximumReached, result.Outcome);
        Assert.Equal(40, result.Metrics[0].Samples.Count);
        Assert.Equal("stopped at the maximum of 40 repetitions before the median was known to ±2%", result.Reason);
    }

    [Theory]
    [InlineData(false, CaseOutcome.TargetMet, 5)]
    [InlineData(true, CaseOutcome.MaximumReached, 40)]
    public void A_noisy_tail_holds_the_case_open_only_when_it_decides_the_stop(bool tailDecidesStop, CaseOutcome expected, int count)
    {
        // The median is steady; the tail jumps by 3× between repetitions, as a per-repetition p99.9 does.
        var scripted = new ScriptedCase(_ => 10, tail: i => i % 2 == 0 ? 100 : 300, tailDecidesStop: tailDecidesStop);

        var result = new BenchmarkRunner(Settings()).Run(scripted, null, default);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal([count, count], result.Metrics.Select(m => m.Samples.Count));
        Assert.Equal(["value", "tail"], result.Metrics.Select(m => m.Name));
    }

    [Fact]
    public void A_spent_budget_stops_after_three_samples_at_least()
    {
        var result = new BenchmarkRunner(Settings(warmup: 0, budgetSeconds: 0)).Run(new ScriptedCase(i => i % 2 == 0 ? 10 : 30), null, default);

        Assert.Equal(CaseOutcome.BudgetReached, result.Outcome);
        Assert.Equal(3, result.Metrics[0].Samples.Count);
    }

    [Fact]
    public void A_case_that_cannot_run_here_is_skipped_with_its_message_and_hint_and_disposed()
    {
        var scripted = new ScriptedCase(_ => 1, new AiTuneException("no huge pages", "reserve some"));

        var result = new BenchmarkRunner(Settings()).Run(scripted, null, default);

        Assert.Equal(CaseOutcome.Skipped, result.Outcome);
        Assert.Equal("no huge pages (reserve some)", result.Reason);
        Assert.Empty(result.Metrics[0].Samples);
        Assert.Equal(1, scripted.DisposedCount);
    }

    [Fact]
    public void Cancellation_keeps_the_samples_measured_so_far()
    {
        using var cancellation = new CancellationTokenSource();
        var scripted = new ScriptedCase(i => 10 + i) { OnMeasure = n => { if (n == 6) cancellation.Cancel(); } };

        var result = new BenchmarkRunner(Settings(warmup: 1)).Run(scripted, null, cancellation.Token);

        Assert.Equal(CaseOutcome.Interrupted, result.Outcome);
        Assert.Equal([11.0, 12, 13, 14, 15], result.Metrics[0].Samples);
        scripted.Dispose();
        Assert.Equal(1, scripted.DisposedCount);
    }

    [Fact]
    public void A_measured_value_that_is_not_positive_is_a_bug_in_the_case_not_a_sample()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new BenchmarkRunner(Settings()).Run(new ScriptedCase(_ => 0), null, default));

        Assert.Contains("scripted/case: metric value measured 0", error.Message);
    }

    [Fact]
    public void Progress_counts_samples_and_ends_with_done()
    {
        var reports = new List<CaseProgress>();

        new BenchmarkRunner(Settings(warmup: 0)).Run(new ScriptedCase(_ => 5), reports.Add, default);

        Assert.Equal([0, 1, 2, 3, 4, 5, 5], reports.Select(r => r.Samples));
        Assert.All(reports, r => Assert.Equal("scripted/case", r.Case));
        Assert.True(reports[^1].Done);
        Assert.Equal(TimeSpan.Zero, reports[^1].EstimatedRemaining);
    }
}
