namespace AiTune.Benchmarks.Loopback;

/// <summary>The path of a model served over a local API: loopback TCP and Unix-socket throughput and small-message
/// round trips.</summary>
public static class LoopbackSuite
{
    public const string Name = "loopback";

    /// <summary>Bytes each stream repetition moves: 1 GiB (a fraction of a second on current hosts), 256 MiB quick.</summary>
    public const long TransferBytes = 1L << 30;

    public const long QuickTransferBytes = 256L << 20;

    /// <summary>Round trips in each request/response repetition.</summary>
    public const int Transactions = 20_000;

    public const int QuickTransactions = 5_000;

    public static BenchmarkSuite Suite { get; } = new(Name,
        "TCP and Unix-socket throughput, and request/response latency (p50/p99) for small messages, the path of a model served over a local API",
        "Four cases, each over one connection set up before timing with blocking sockets on dedicated threads (real send(2) and recv(2) calls). "
        + "tcp/stream and unix/stream: one thread sends 1 GiB (256 MiB with --quick) in 128 KiB writes, iperf3's default length, to a receiving "
        + "thread, over TCP on 127.0.0.1 (an ephemeral port, bound to 127.0.0.1 only) or over an AF_UNIX stream socket; throughput is the bytes "
        + "received over the time from the release of both threads to the last byte received, in GB/s = 10^9 bytes per second. iperf3 and "
        + "netperf report bits per second (SI): multiply by 8 to compare (iperf3 -c 127.0.0.1 -l 128K, end.sum_received.bits_per_second). "
        + "TCP_NODELAY is off, as in iperf3; socket buffers are left to the kernel's autotuning; threads are not pinned (iperf3 -A pins them). "
        + "The warm-up repetition lets the connection's congestion window grow, as iperf3 -O does. "
        + "tcp/rr and unix/rr: a client sends a 64-byte request and a server thread echoes a 64-byte response, one transaction at a time on one "
        + "flow (TCP_NODELAY on), 20,000 transactions per repetition (5,000 with --quick); every transaction's round trip is timed, and each "
        + "repetition reports the median (p50) and 99th percentile (p99) round-trip time in µs (nearest rank) and the rate in transactions per "
        + "second, which is what netperf TCP_RR and STREAM_RR report (rate ≈ 1 / mean round trip for one flow). These are round trips, not one "
        + "way: sockperf's default latency is half a round trip. The repetition is the sample unit: the statistics across repetitions are those "
        + "of the per-repetition p50, p99 and rate, not of the pooled transactions.",
        CreateCases);

    private static IReadOnlyList<BenchmarkCase> CreateCases(SuiteOptions options)
    {
        long bytes = options.Quick ? QuickTransferBytes : TransferBytes;
        int transactions = options.Quick ? QuickTransactions : Transactions;
        return
        [
            new StreamThroughputCase(LoopbackTransport.Tcp, bytes),
            new StreamThroughputCase(LoopbackTransport.Unix, bytes),
            new RequestResponseCase(LoopbackTransport.Tcp, transactions),
            new RequestResponseCase(LoopbackTransport.Unix, transactions),
        ];
    }
}
