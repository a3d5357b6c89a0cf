using AiTune.Metrics;

namespace AiTune.Tests.Metrics;

/// <summary>aitune serve's collections wait for collectors only while their budget lasts: a blocked one is reported,
/// the scrape answers with what finished, and the blocked one is not started again while its run is still blocked.</summary>
public sealed class CollectorTimeLimitTests : IDisposable
{
    private readonly ManualResetEventSlim gate = new(false);
    private int blockedStarts;

    public void Dispose()
    {
        gate.Set();
        gate.Dispose();
    }

    private CollectorRegistry Registry(TimeProvider? clock = null) => new CollectorRegistry(clock ?? TimeProvider.System, "9.9.9")
        .Add(new DelegateCollector("first", o => o.Gauge("aitune_first", "first", [MetricSample.Of(1)])))
        .Add(new DelegateCollector("blocked", o =>
        {
            Interlocked.Increment(ref blockedStarts);
            gate.Wait();
            o.Gauge("aitune_blocked", "blocked", [MetricSample.Of(2)]);
        }))
        .Add(new DelegateCollector("last", o => o.Gauge("aitune_last", "last", [MetricSample.Of(3)])));

    [Fact]
    public void A_collector_still_running_at_the_budget_fails_those_before_it_are_exported_and_those_after_it_are_not_started()
    {
        // A second: "first" must finish within it even on a loaded machine; "blocked" never does.
        var limit = new CollectorTimeLimit(TimeSpan.FromSeconds(1));
        var collected = Registry().Collect(limit, CancellationToken.None);
        var text = collected.Write(ExpositionFormat.PrometheusText);

        Assert.Contains("aitune_first 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aitune_blocked ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aitune_last ", text, StringComparison.Ordinal);
        Assert.Contains("aitune_collector_success{collector=\"first\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("aitune_collector_success{collector=\"blocked\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("aitune_collector_success{collector=\"last\"} 0\n", text, StringComparison.Ordinal);
        Assert.Equal("did not finish within the scrape's 1 s for collectors; its series are left out",
            Assert.Single(collected.Runs.Single(r => r.Name == "blocked").Notes));
        Assert.Equal("not started: the scrape's 1 s for collectors were spent", Assert.Single(collected.Runs.Single(r => r.Name == "last").Notes));
    }

    /// <summary>The wait's timer is coarser than the clock, so a wait can end while the clock still shows a little
    /// budget left; a clock that never moves makes that the case every time. The collector after the given-up one
    /// must still not start (it once did, and was exported, in a CI run).</summary>
    [Fact]
    public void A_timed_out_wait_ends_the_budget_even_when_the_clock_shows_time_left()
    {
        var limit = new CollectorTimeLimit(TimeSpan.FromSeconds(1));
        var collected = Registry(FixedClock.Default).Collect(limit, CancellationToken.None);
        var text = collected.Write(ExpositionFormat.PrometheusText);

        Assert.Contains("aitune_first 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aitune_last ", text, StringComparison.Ordinal);
        Assert.Equal("not started: the scrape's 1 s for collectors were spent", Assert.Single(collected.Runs.Single(r => r.Name == "last").Notes));
        Assert.Equal(1, Volatile.Read(ref blockedStarts));
    }

    [Fact]
    public void A_blocked_collector_is_not_started_again_until_its_run_ends()
    {
        var limit = new CollectorTimeLimit(TimeSpan.FromMilliseconds(50));
        Registry().Collect(limit, CancellationToken.None);
        var second = Registry().Collect(limit, CancellationToken.None);

        Assert.Equal(1, Volatile.Read(ref blockedStarts));
        Assert.StartsWith("still running since an earlier scrape gave up on it after 0.05 s",
            Assert.Single(second.Runs.Single(r => r.Name == "blocked").Notes), StringComparison.Ordinal);

        gate.Set();
        SpinWait.SpinUntil(() => !IsStillRunning(limit, "blocked"));
        var third = Registry().Collect(limit, CancellationToken.None);
        Assert.Equal(2, Volatile.Read(ref blockedStarts));
        Assert.True(third.Runs.Single(r => r.Name == "blocked").Success);
        Assert.Contains("aitune_blocked 2\n", third.Write(ExpositionFormat.PrometheusText), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_limit_every_collector_is_waited_for()
    {
        gate.Set();
        var collected = Registry().Collect();
        Assert.All(collected.Runs, run => Assert.True(run.Success));
    }

    [Fact]
    public void A_budget_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollectorTimeLimit(TimeSpan.Zero));
    }

    private static bool IsStillRunning(CollectorTimeLimit limit, string collector) => limit.IsStillRunning(collector);
}
