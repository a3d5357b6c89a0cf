namespace AiTune.Benchmarks.Scheduler;

/// <summary>How one thread wakes another in the ping-pong.</summary>
public enum WakeMechanism
{
    /// <summary>FUTEX_WAIT / FUTEX_WAKE (private) on a word: what every mutex and condition variable sleeps on.</summary>
    Futex,

    /// <summary>An 8-byte write to and a blocking read from an eventfd: how epoll-driven runtimes are woken.</summary>
    Eventfd,

    /// <summary>A 1-byte write to and a blocking read from a pipe: what <c>perf bench sched pipe</c> measures.</summary>
    Pipe,
}
