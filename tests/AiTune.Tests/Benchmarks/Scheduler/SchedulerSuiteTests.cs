using AiTune.Benchmarks;
using AiTune.Benchmarks.Scheduler;
using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks.Scheduler;

public sealed class SchedulerSuiteTests
{
    private static readonly RunSettings Tiny = new(0, new RepetitionSettings(0.5, 3, 3), TimeSpan.FromSeconds(1), true);

    [Fact]
    public void The_suite_is_listed_with_a_pinned_and_an_unpinned_case_per_mechanism()
    {
        var cases = SchedulerSuite.Suite.CreateCases(new SuiteOptions { Quick = true });

        Assert.Contains(SchedulerSuite.Suite, BenchmarkSuites.All);
        Assert.Equal(["futex/pinned", "futex/unpinned", "eventfd/pinned", "eventfd/unpinned", "pipe/pinned", "pipe/unpinned"], cases.Select(c => c.Name));
        Assert.All(cases.Cast<PingPongCase>(), c => Assert.Equal(SchedulerSuite.QuickRoundTrips, c.RoundTrips));
        Assert.All(SchedulerSuite.Suite.CreateCases(new SuiteOptions()).Cast<PingPongCase>(), c => Assert.Equal(SchedulerSuite.RoundTrips, c.RoundTrips));
        // The workload each case records for compare.
        Assert.Equal(["mechanism=eventfd", "placement=unpinned", "round-trips=5000"], cases[3].Parameters.Select(p => $"{p.Key}={p.Value}"));
        foreach (var c in cases)
        {
            c.Dispose();
        }
    }

    [Fact]
    public void The_method_says_one_way_is_half_the_round_trip_and_what_a_sample_is()
    {
        string method = SchedulerSuite.Suite.Method;

        Assert.Contains("round trip / 2", method, StringComparison.Ordinal);
        Assert.Contains("perf bench sched pipe prints usecs/op for the whole round trip", method, StringComparison.Ordinal);
        Assert.Contains("the repetition, not the single round trip, is the sample", method, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_case_measures_ordered_positive_percentiles_or_says_why_it_cannot_pin()
    {
        var runner = new BenchmarkRunner(Tiny);
        foreach (var benchmarkCase in SchedulerSuite.Suite.CreateCases(new SuiteOptions { Quick = true }))
        {
            bool pinned = ((PingPongCase)benchmarkCase).Pinned;
            var result = runner.Run(benchmarkCase, null, CancellationToken.None);

            if (pinned && Environment.ProcessorCount < 2)
            {
                Assert.Equal(CaseOutcome.Skipped, result.Outcome);
                Assert.Contains("pinning needs two", result.Reason, StringComparison.Ordinal);
                continue;
            }

            Assert.NotEqual(CaseOutcome.Skipped, result.Outcome);
            Assert.Equal(["p50", "p99", "p99.9"], result.Metrics.Select(m => m.Name));
            Assert.All(result.Metrics, m => Assert.Equal(("µs", MetricDirection.LowerIsBetter), (m.Unit, m.Direction)));
            for (int i = 0; i < 3; i++)
            {
                double p50 = result.Metrics[0].Samples[i], p99 = result.Metrics[1].Samples[i], p999 = result.Metrics[2].Samples[i];
                Assert.True(double.IsFinite(p999) && p50 > 0, $"{result.FullName}: {p50} {p99} {p999}");
                Assert.True(p99 >= p50, $"{result.FullName}: p99 {p99} < p50 {p50}");
                Assert.True(p999 >= p99, $"{result.FullName}: p99.9 {p999} < p99 {p99}");
            }

            if (pinned)
            {
                Assert.Contains(result.Notes, n => n.StartsWith("pinned to CPUs", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData(WakeMechanism.Futex, true)]
    [InlineData(WakeMechanism.Eventfd, false)]
    [InlineData(WakeMechanism.Pipe, false)]
    [InlineData(WakeMechanism.Pipe, true)]
    public async Task Cancelling_mid_measure_throws_and_dispose_joins_both_threads(WakeMechanism mechanism, bool pinned)
    {
        if (pinned && Environment.ProcessorCount < 2)
        {
            pinned = false;
        }

        // Far more round trips than the test waits for: only cancellation ends this repetition.
        var benchmarkCase = new PingPongCase(mechanism, pinned, 50_000_000);
        benchmarkCase.Prepare(CancellationToken.None);
        Assert.Equal(2, benchmarkCase.LiveThreads);
        using var cancellation = new CancellationTokenSource();
        var measuring = Task.Run(() => benchmarkCase.Measure(new double[3], cancellation.Token));
        await Task.Delay(100);
        await cancellation.CancelAsync();

        // A bound against a hang, not a timing assertion: a cancelled measurement returns within a second.
        var first = await Task.WhenAny(measuring, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.Same(measuring, first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => measuring);

        benchmarkCase.Dispose();
        Assert.Equal(0, benchmarkCase.LiveThreads);
    }

    [Theory]
    [InlineData(WakeMechanism.Futex)]
    [InlineData(WakeMechanism.Eventfd)]
    [InlineData(WakeMechanism.Pipe)]
    public void Dispose_right_after_prepare_joins_threads_that_never_measured(WakeMechanism mechanism)
    {
        var benchmarkCase = new PingPongCase(mechanism, false, 10);
        benchmarkCase.Prepare(CancellationToken.None);

        benchmarkCase.Dispose();
        benchmarkCase.Dispose();

        Assert.Equal(0, benchmarkCase.LiveThreads);
    }

    [Fact]
    public void A_stopped_case_refuses_to_measure_again()
    {
        using var benchmarkCase = new PingPongCase(WakeMechanism.Futex, false, 1_000_000);
        benchmarkCase.Prepare(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() => benchmarkCase.Measure(new double[3], cancellation.Token));

        Assert.Throws<InvalidOperationException>(() => benchmarkCase.Measure(new double[3], CancellationToken.None));
    }
}
