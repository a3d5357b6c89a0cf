using System.Runtime.ExceptionServices;

namespace AiTune;

/// <summary>Work that needs nothing from the caller's next steps, started on a thread of its own so that a second CPU
/// does it meanwhile: an audit is mostly waiting on the kernel to answer reads of /proc and /sys, one file at a time,
/// and two threads answer twice as many. <see cref="Join"/> hands its result back, or throws what it threw, with its
/// own stack. On a single CPU a thread would only add its start-up: the work runs at once, on the caller's thread,
/// in the order it was written. A plain thread, not the thread pool: a short run would pay the pool's start (its
/// worker and gate threads) for one item.</summary>
public sealed class SideWork<T>
{
    private readonly Func<T> work;
    private Thread? thread;
    private T? result;
    private ExceptionDispatchInfo? failure;

    private SideWork(Func<T> work) => this.work = work;

    /// <summary>Starts <paramref name="work"/>: on its own thread where there is more than one CPU to run it on.</summary>
    public static SideWork<T> Start(Func<T> work, string name) => Start(work, name, Environment.ProcessorCount > 1);

    internal static SideWork<T> Start(Func<T> work, string name, bool ownThread)
    {
        var side = new SideWork<T>(work);
        if (ownThread)
        {
            side.thread = new Thread(side.Run) { IsBackground = true, Name = name };
            side.thread.Start();
        }
        else
        {
            side.Run();
        }

        return side;
    }

    /// <summary>The work's result, once it is done; what it threw is thrown here.</summary>
    public T Join()
    {
        thread?.Join();
        failure?.Throw();
        return result!;
    }

    private void Run()
    {
        try
        {
            result = work();
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
    }
}
