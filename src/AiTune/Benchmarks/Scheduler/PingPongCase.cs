using System.Diagnostics;
using System.Runtime.CompilerServices;
using AiTune.Benchmarks.Statistics;
using AiTune.Hosting;
using AiTune.Interop;

namespace AiTune.Benchmarks.Scheduler;

/// <summary>
/// Two dedicated threads wake each other in turn: the initiator stamps the time, posts a ping, sleeps until the
/// pong, stamps again. Each repetition is <see cref="RoundTrips"/> round trips and yields the p50, p99 and p99.9
/// of round trip ÷ 2. The threads live from <see cref="Prepare"/> to <see cref="Dispose(bool)"/>, so thread start
/// and the first migration are not in any sample; every wait either has a timeout or is woken by
/// <see cref="WakeSignal.Interrupt"/>, so neither a cancelled run nor a stuck partner can hang the process.
/// </summary>
public sealed class PingPongCase : BenchmarkCase
{
    /// <summary>No round trip at all in this long means the partner is not running (a real-time task owning its
    /// CPU, a stopped process): the repetition gives up instead of waiting forever.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(30);

    private static readonly IReadOnlyList<MetricDefinition> LatencyMetrics =
    [
        new("p50", "µs", MetricDirection.LowerIsBetter),
        // The tails are measured and compared, but a case stops when its median is known (MetricDefinition.DecidesStop).
        new("p99", "µs", MetricDirection.LowerIsBetter, DecidesStop: false),
        new("p99.9", "µs", MetricDirection.LowerIsBetter, DecidesStop: false),
    ];

    private readonly long[] roundTripTicks;
    private readonly SemaphoreSlim start = new(0);
    private readonly ManualResetEventSlim done = new(false);
    private readonly CountdownEvent ready = new(2);
    private WakeSignal? ping;
    private WakeSignal? pong;
    private Thread? initiator;
    private Thread? responder;
    private CpuPair? cpus;
    private volatile bool stopping;
    private volatile string? pinFailure;
    private volatile Exception? failure;
    private int completed;
    private bool disposed;

    public PingPongCase(WakeMechanism mechanism, bool pinned, int roundTrips)
        : base("scheduler", $"{mechanism.ToString().ToLowerInvariant()}/{(pinned ? "pinned" : "unpinned")}",
            $"{roundTrips:N0} {mechanism.ToString().ToLowerInvariant()} round trips between two threads{(pinned ? " pinned to two CPUs" : " the scheduler places")}; one-way latency = round trip / 2",
            LatencyMetrics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrips, 1);
        Mechanism = mechanism;
        Pinned = pinned;
        RoundTrips = roundTrips;
        roundTripTicks = new long[roundTrips];
        Parameter("mechanism", mechanism.ToString().ToLowerInvariant());
        Parameter("placement", pinned ? "pinned" : "unpinned");
        Parameter("round-trips", roundTrips);
    }

    public WakeMechanism Mechanism { get; }

    public bool Pinned { get; }

    public int RoundTrips { get; }

    /// <summary>How many of the two threads are still running: 0 after Dispose.</summary>
    internal int LiveThreads => (initiator?.IsAlive == true ? 1 : 0) + (responder?.IsAlive == true ? 1 : 0);

    public override void Prepare(CancellationToken cancellation)
    {
        if (Pinned)
        {
            var allowed = Posix.AllowedCpus()
                ?? throw new AiTuneException($"{FullName}: sched_getaffinity failed: {Posix.Describe(Posix.LastError)}", "run the unpinned cases");
            using var root = new FileSystemHostRoot("/");
            cpus = CpuPair.ForThisProcess(root, allowed)
                ?? throw new AiTuneException($"{FullName}: this process may run on {allowed.Count} CPU, and pinning needs two",
                    "give the process at least two CPUs (taskset, the cgroup's cpuset, the VM's vCPUs); the unpinned cases still run");
            Note(cpus.SameCore
                ? $"pinned to CPUs {cpus.First} and {cpus.Second}, SMT siblings of one core (no two cores are available)"
                : $"pinned to CPUs {cpus.First} and {cpus.Second} (different cores)");
        }

        ping = WakeSignal.Create(Mechanism);
        pong = WakeSignal.Create(Mechanism);
        initiator = new Thread(InitiatorLoop) { IsBackground = true, Name = "aitune ping" };
        responder = new Thread(ResponderLoop) { IsBackground = true, Name = "aitune pong" };
        initiator.Start();
        responder.Start();
        ready.Wait(cancellation);
        if (pinFailure is { } reason)
        {
            throw new AiTuneException($"{FullName}: cannot pin a thread: {reason}", "the CPUs may be outside this process's cpuset; the unpinned cases still run");
        }
    }

    public override void Measure(Span<double> values, CancellationToken cancellation)
    {
        if (initiator is null || stopping)
        {
            throw new InvalidOperationException($"{FullName} is not prepared, or was stopped");
        }

        Volatile.Write(ref completed, 0);
        failure = null;
        done.Reset();
        start.Release();
        try
        {
            WaitForRepetition(cancellation);
        }
        catch
        {
            Stop();
            throw;
        }

        if (failure is { } error)
        {
            Stop();
            throw new InvalidOperationException($"{FullName}: the ping thread failed", error);
        }

        var (p50, p99, p999) = RoundTripPercentiles.OneWayMicroseconds(roundTripTicks, Stopwatch.Frequency);
        values[0] = p50;
        values[1] = p99;
        values[2] = p999;
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposed)
        {
            disposed = true;
            Stop();
            initiator?.Join();
            responder?.Join();
            ping?.Dispose();
            pong?.Dispose();
            start.Dispose();
            done.Dispose();
            ready.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Waits for the initiator, a second at a time, so that cancellation is seen at once and a partner that
    /// stopped answering is noticed.</summary>
    private void WaitForRepetition(CancellationToken cancellation)
    {
        int lastCompleted = 0;
        var sinceProgress = Stopwatch.StartNew();
        while (!done.Wait(TimeSpan.FromSeconds(1), cancellation))
        {
            int now = Volatile.Read(ref completed);
            if (now != lastCompleted)
            {
                lastCompleted = now;
                sinceProgress.Restart();
            }
            else if (sinceProgress.Elapsed > StallLimit)
            {
                throw new AiTuneException($"{FullName}: no wake-up completed in {StallLimit.TotalSeconds:0} s after {now:N0} round trips",
                    "another task holds the CPU (a real-time task, a CPU-hogging process on a pinned CPU); run on a quieter host or unpinned");
            }
        }
    }

    private void Stop()
    {
        stopping = true;
        ping?.Interrupt();
        pong?.Interrupt();
        start.Release();
    }

    private void Pin(int cpu)
    {
        if (Posix.PinCurrentThread(cpu) != 0)
        {
            pinFailure = $"sched_setaffinity(CPU {cpu}): {Posix.Describe(Posix.LastError)}";
        }
    }

    /// <summary>Optimized from the start: the loop runs for the case's whole life, and under tiering its first
    /// round trips would otherwise be timed in unoptimized code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InitiatorLoop()
    {
        if (cpus is { } pair)
        {
            Pin(pair.First);
        }

        ready.Signal();
        while (true)
        {
            start.Wait();
            if (stopping)
            {
                return;
            }

            try
            {
                for (int i = 0; i < roundTripTicks.Length && !stopping; i++)
                {
                    long begin = Stopwatch.GetTimestamp();
                    ping!.Post();
                    if (!pong!.Wait())
                    {
                        break;
                    }

                    roundTripTicks[i] = Stopwatch.GetTimestamp() - begin;
                    Volatile.Write(ref completed, i + 1);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }

            done.Set();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ResponderLoop()
    {
        if (cpus is { } pair)
        {
            Pin(pair.Second);
        }

        ready.Signal();
        try
        {
            while (ping!.Wait())
            {
                pong!.Post();
            }
        }
        catch (Exception e)
        {
            failure = e;
            done.Set();
        }
    }
}
