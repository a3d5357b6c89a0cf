using AiTune.Benchmarks;
using AiTune.Benchmarks.Loopback;
using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks.Loopback;

public sealed class LoopbackSuiteTests
{
    private static readonly RunSettings Tiny = new(0, new RepetitionSettings(0.5, 3, 3), TimeSpan.FromSeconds(1), true);

    [Fact]
    public void The_suite_has_a_stream_and_a_request_response_case_per_transport()
    {
        var cases = LoopbackSuite.Suite.CreateCases(new SuiteOptions { Quick = true });
        try
        {
            Assert.Equal(["tcp/stream", "unix/stream", "tcp/rr", "unix/rr"], cases.Select(c => c.Name));
            Assert.All(cases, c => Assert.Equal("loopback", c.Suite));
            Assert.Equal(["throughput"], cases[0].Metrics.Select(m => m.Name));
            Assert.Equal("GB/s", cases[0].Metrics[0].Unit);
            Assert.Equal(["p50", "p99", "rate"], cases[2].Metrics.Select(m => m.Name));
            Assert.Equal(MetricDirection.LowerIsBetter, cases[2].Metrics[1].Direction);
            Assert.Equal(LoopbackSuite.QuickTransferBytes, ((StreamThroughputCase)cases[0]).TransferBytes);
            Assert.Equal(LoopbackSuite.QuickTransactions, ((RequestResponseCase)cases[3]).Transactions);
            Assert.Contains(LoopbackSuite.Suite, BenchmarkSuites.All);
            Assert.Contains("10^9 bytes", LoopbackSuite.Suite.Method, StringComparison.Ordinal);
            Assert.Contains("bits per second", LoopbackSuite.Suite.Method, StringComparison.Ordinal);
            Assert.Contains("round trip", LoopbackSuite.Suite.Method, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var c in cases)
            {
                c.Dispose();
            }
        }

        var standard = LoopbackSuite.Suite.CreateCases(new SuiteOptions());
        Assert.Equal(LoopbackSuite.TransferBytes, ((StreamThroughputCase)standard[1]).TransferBytes);
        Assert.Equal(LoopbackSuite.Transactions, ((RequestResponseCase)standard[2]).Transactions);
    }

    [Theory]
    [InlineData(LoopbackTransport.Tcp)]
    [InlineData(LoopbackTransport.Unix)]
    public void A_stream_case_measures_a_positive_throughput_and_closes_its_connection(LoopbackTransport transport)
    {
        var streamCase = new StreamThroughputCase(transport, 8L << 20);
        var result = new BenchmarkRunner(Tiny).Run(streamCase, null, CancellationToken.None);

        Assert.True(result.Outcome is CaseOutcome.TargetMet or CaseOutcome.MaximumReached, $"{result.Outcome}: {result.Reason}");
        var samples = Assert.Single(result.Metrics).Samples;
        Assert.Equal(3, samples.Count);
        Assert.All(samples, s => Assert.True(double.IsFinite(s) && s > 0, $"{s}"));
        Assert.Contains(result.Notes, n => n.Contains(transport == LoopbackTransport.Tcp ? "TCP connection over 127.0.0.1" : "AF_UNIX", StringComparison.Ordinal));
        Assert.Null(streamCase.Connection);
    }

    [Theory]
    [InlineData(LoopbackTransport.Tcp)]
    [InlineData(LoopbackTransport.Unix)]
    public void A_request_response_case_measures_p99_at_or_above_p50(LoopbackTransport transport)
    {
        var rrCase = new RequestResponseCase(transport, 500);
        var result = new BenchmarkRunner(Tiny).Run(rrCase, null, CancellationToken.None);

        Assert.True(result.Outcome is CaseOutcome.TargetMet or CaseOutcome.MaximumReached, $"{result.Outcome}: {result.Reason}");
        var p50 = result.Metrics[0].Samples;
        var p99 = result.Metrics[1].Samples;
        var rate = result.Metrics[2].Samples;
        Assert.Equal(3, p50.Count);
        Assert.All(p50.Concat(p99).Concat(rate), s => Assert.True(double.IsFinite(s) && s > 0, $"{s}"));
        for (int i = 0; i < p50.Count; i++)
        {
            Assert.True(p99[i] >= p50[i], $"p99 {p99[i]} < p50 {p50[i]}");
        }

        Assert.Contains(result.Notes, n => n.Contains(transport == LoopbackTransport.Tcp ? "TCP_NODELAY on" : "AF_UNIX", StringComparison.Ordinal));
        Assert.Null(rrCase.Connection);
    }

    [Theory]
    [InlineData(LoopbackTransport.Tcp, "stream")]
    [InlineData(LoopbackTransport.Unix, "stream")]
    [InlineData(LoopbackTransport.Tcp, "rr")]
    [InlineData(LoopbackTransport.Unix, "rr")]
    public void A_peer_that_goes_away_fails_the_repetition_instead_of_hanging(LoopbackTransport transport, string kind)
    {
        using LoopbackCase loopbackCase = kind == "stream" ? new StreamThroughputCase(transport, 1L << 40) : new RequestResponseCase(transport, 1000);
        loopbackCase.Prepare(CancellationToken.None);
        loopbackCase.Connection!.Server.Shutdown(System.Net.Sockets.SocketShutdown.Both);
        var values = new double[loopbackCase.Metrics.Count];

        var error = Assert.Throws<AiTuneException>(() => loopbackCase.Measure(values, CancellationToken.None));

        Assert.StartsWith($"loopback/{loopbackCase.Name}:", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.Hint);
    }

    [Theory]
    [InlineData(LoopbackTransport.Tcp, "stream")]
    [InlineData(LoopbackTransport.Unix, "stream")]
    [InlineData(LoopbackTransport.Tcp, "rr")]
    [InlineData(LoopbackTransport.Unix, "rr")]
    public void Ctrl_c_interrupts_a_repetition_and_closes_the_connection(LoopbackTransport transport, string kind)
    {
        // Each repetition would run for minutes: only the cancellation can end it.
        LoopbackCase loopbackCase = kind == "stream" ? new StreamThroughputCase(transport, 1L << 42) : new RequestResponseCase(transport, 5_000_000);
        using var cancellation = new CancellationTokenSource();
        var progress = new Action<CaseProgress>(p =>
        {
            if (p.Samples == 0 && !p.Done)
            {
                cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
            }
        });

        var result = new BenchmarkRunner(Tiny).Run(loopbackCase, progress, cancellation.Token);

        Assert.Equal(CaseOutcome.Interrupted, result.Outcome);
        Assert.All(result.Metrics, m => Assert.Empty(m.Samples));
        Assert.Null(loopbackCase.Connection);
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        long[] hundred = Enumerable.Range(1, 100).Select(i => (long)i).ToArray();
        Assert.Equal(50, RequestResponseCase.NearestRank(hundred, 0.50));
        Assert.Equal(99, RequestResponseCase.NearestRank(hundred, 0.99));
        Assert.Equal(100, RequestResponseCase.NearestRank(hundred, 1.0));
        Assert.Equal(7, RequestResponseCase.NearestRank([7], 0.99));
        Assert.Equal(2, RequestResponseCase.NearestRank([1, 2, 3], 0.5));
    }
}
