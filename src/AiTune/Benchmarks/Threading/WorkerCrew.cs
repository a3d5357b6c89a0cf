using System.Runtime.ExceptionServices;

namespace AiTune.Benchmarks.Threading;

/// <summary>
/// A fixed set of dedicated threads that run one piece of work each, together, as often as asked. Started once when
/// a case is prepared, so a repetition times the work and not thread start-up (what Parallel.For on a cold pool
/// would add); the threads are background threads and stop on Dispose. Worker i always runs piece i, so a worker
/// that first touches its own slice of memory keeps it on its NUMA node, as STREAM's parallel initialisation does.
/// </summary>
public sealed class WorkerCrew : IDisposable
{
    private readonly Thread[] threads;
    private readonly SemaphoreSlim[] starts;
    private readonly CountdownEvent finished;
    private Action<int>? work;
    private Exception? failure;
    private volatile bool stopping;

    public WorkerCrew(int size, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
        starts = new SemaphoreSlim[size];
        finished = new CountdownEvent(size);
        threads = new Thread[size];
        for (int i = 0; i < size; i++)
        {
            starts[i] = new SemaphoreSlim(0);
            int index = i;
            threads[i] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"{name} {i}" };
            threads[i].Start();
        }
    }

    public int Size { get; }

    /// <summary>How many of the threads are still running: 0 after Dispose.</summary>
    public int LiveThreads => threads.Count(t => t.IsAlive);

    /// <summary>Runs <paramref name="action"/>(worker index) on every worker at once and returns when all are done;
    /// rethrows the first exception a worker threw.</summary>
    public void Run(Action<int> action)
    {
        ObjectDisposedException.ThrowIf(stopping, this);
        work = action;
        failure = null;
        finished.Reset(Size);
        foreach (var start in starts)
        {
            start.Release();
        }

        finished.Wait();
        work = null;
        if (failure is { } e)
        {
            ExceptionDispatchInfo.Capture(e).Throw();
        }
    }

    public void Dispose()
    {
        if (stopping)
        {
            return;
        }

        stopping = true;
        foreach (var start in starts)
        {
            start.Release();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        foreach (var start in starts)
        {
            start.Dispose();
        }

        finished.Dispose();
    }

    private void Loop(int index)
    {
        while (true)
        {
            starts[index].Wait();
            if (stopping)
            {
                return;
            }

            try
            {
                work!(index);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
            finally
            {
                finished.Signal();
            }
        }
    }
}
