using System.Diagnostics;
using AiTune.Benchmarks.Statistics;

namespace AiTune.Benchmarks.Loopback;

/// <summary>
/// Small synchronous request/response over one connection, netperf TCP_RR's way: the client sends a request, the
/// server echoes a response of the same size, and the next request leaves only when the response is in. Every
/// transaction's round trip is timed; a repetition reports its median, its 99th percentile and its rate.
/// </summary>
internal sealed class RequestResponseCase : LoopbackCase
{
    /// <summary>A small API call (a token or a short JSON line): larger than netperf's 1-byte default, well under one segment.</summary>
    internal const int MessageBytes = 64;

    private readonly byte[] request = new byte[MessageBytes];
    private readonly byte[] response = new byte[MessageBytes];
    private readonly byte[] echo = new byte[MessageBytes];
    private readonly long[] roundTripTicks;

    public RequestResponseCase(LoopbackTransport transport, int transactions)
        : base(transport, "rr", noDelay: true,
            $"{(transport == LoopbackTransport.Tcp ? "TCP over 127.0.0.1" : "an AF_UNIX stream socket")}: {transactions:N0} round trips of a {MessageBytes}-byte request and a {MessageBytes}-byte response, one at a time",
            [
                new MetricDefinition("p50", "µs", MetricDirection.LowerIsBetter),
                new MetricDefinition("p99", "µs", MetricDirection.LowerIsBetter, DecidesStop: false),
                new MetricDefinition("rate", "trans/s", MetricDirection.HigherIsBetter),
            ])
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(transactions);
        roundTripTicks = new long[transactions];
        Parameter("message-bytes", MessageBytes);
        Parameter("transactions", transactions);
    }

    /// <summary>Round trips in each repetition.</summary>
    public int Transactions => roundTripTicks.Length;

    public override void Prepare(CancellationToken cancellation)
    {
        base.Prepare(cancellation);
        Random.Shared.NextBytes(request);
    }

    public override void Measure(Span<double> values, CancellationToken cancellation)
    {
        long first = 0, last = 0;
        RunPeers(
            client =>
            {
                first = Stopwatch.GetTimestamp();
                long start = first;
                for (int i = 0; i < roundTripTicks.Length; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    SendAll(client, request);
                    ReceiveExactly(client, response);
                    long end = Stopwatch.GetTimestamp();
                    roundTripTicks[i] = end - start;
                    start = end;
                }

                last = start;
            },
            server =>
            {
                for (int i = 0; i < roundTripTicks.Length; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    ReceiveExactly(server, echo);
                    SendAll(server, echo);
                }
            },
            cancellation);

        Array.Sort(roundTripTicks);
        values[0] = Microseconds(NearestRank(roundTripTicks, 0.50));
        values[1] = Microseconds(NearestRank(roundTripTicks, 0.99));
        values[2] = roundTripTicks.Length / Stopwatch.GetElapsedTime(first, last).TotalSeconds;
    }

    /// <summary>The smallest value with at least <paramref name="quantile"/> of the values at or below it.</summary>
    internal static long NearestRank(long[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
