namespace AiTune.Benchmarks.Scheduler;

/// <summary>
/// One direction of a ping-pong: one thread posts, the other sleeps in <see cref="Wait"/> until it does. Exactly one
/// post is outstanding at a time, so no signal carries a count. <see cref="Interrupt"/> wakes a sleeper for good,
/// which is how a benchmark stops its threads however they are blocked.
/// </summary>
internal abstract class WakeSignal : IDisposable
{
    private volatile bool interrupted;

    /// <summary>True once <see cref="Interrupt"/> was called: every wait from then on returns false.</summary>
    public bool Interrupted => interrupted;

    public static WakeSignal Create(WakeMechanism mechanism) => mechanism switch
    {
        WakeMechanism.Futex => new FutexWakeSignal(),
        WakeMechanism.Eventfd => new EventfdWakeSignal(),
        _ => new PipeWakeSignal(),
    };

    /// <summary>Wakes the waiter (or lets its next wait return at once).</summary>
    public abstract void Post();

    /// <summary>Sleeps until posted; true when posted, false when interrupted.</summary>
    public abstract bool Wait();

    public void Interrupt()
    {
        interrupted = true;
        Post();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
