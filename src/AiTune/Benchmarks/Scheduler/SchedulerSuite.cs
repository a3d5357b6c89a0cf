namespace AiTune.Benchmarks.Scheduler;

/// <summary>The `scheduler` suite: how long one thread takes to wake another, the latency under every lock hand-off
/// and every token a serving loop passes between threads.</summary>
public static class SchedulerSuite
{
    /// <summary>Round trips per repetition: enough for a p99.9 from 20 values above it; 5,000 quick.</summary>
    public const int RoundTrips = 20_000;

    public const int QuickRoundTrips = 5_000;

    public static BenchmarkSuite Suite { get; } = new("scheduler",
        "wake-up latency between threads (futex/eventfd/pipe ping-pong), p50, p99, p99.9, pinned and unpinned",
        "Two dedicated threads ping-pong: the first stamps the time (Stopwatch, the monotonic clock), wakes the second and "
        + "sleeps until woken back. The wake-up is a private futex (FUTEX_WAIT/FUTEX_WAKE, what mutexes and condition "
        + "variables sleep on), an eventfd (8-byte write, blocking read) or a pipe (1-byte write, blocking read, as perf "
        + "bench sched pipe). Neither thread spins: every round trip is two sleeps and two wake-ups. One-way latency is "
        + "round trip / 2, in microseconds (perf bench sched pipe prints usecs/op for the whole round trip, so its number "
        + "is twice ours). Each repetition runs 20,000 round trips (5,000 with --quick) and yields that repetition's p50, "
        + "p99 and p99.9: the repetition, not the single round trip, is the sample that runs are compared on. Pinned "
        + "cases put the threads on two different physical cores of one package (sched_setaffinity), and are skipped on a "
        + "host that gives the process one CPU; unpinned cases leave placement to the scheduler, as a serving stack does.",
        Create);

    private static IReadOnlyList<BenchmarkCase> Create(SuiteOptions options)
    {
        int roundTrips = options.Quick ? QuickRoundTrips : RoundTrips;
        var cases = new List<BenchmarkCase>();
        foreach (var mechanism in new[] { WakeMechanism.Futex, WakeMechanism.Eventfd, WakeMechanism.Pipe })
        {
            cases.Add(new PingPongCase(mechanism, true, roundTrips));
            cases.Add(new PingPongCase(mechanism, false, roundTrips));
        }

        return cases;
    }
}
