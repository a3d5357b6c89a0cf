namespace AiTune.Benchmarks.Memory;

/// <summary>
/// Threads started once and handed one slice each per pass: a parallel pass then costs two signals per thread, not a
/// thread-pool dispatch whose spin-up would land inside the timing (what Parallel.For would do). Each thread also
/// first-touches its own slice, so on a NUMA host its pages sit on its node, as STREAM's parallel init loop does.
/// </summary>
public sealed class SliceWorkers : IDisposable
{
    private readonly Thread[] threads;
    private readonly SemaphoreSlim[] starts;
    private readonly CountdownEvent done;
    private Action<int>? work;
    private volatile bool stopping;
    private volatile Exception? failure;
    private bool disposed;

    public SliceWorkers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        done = new CountdownEvent(count);
        starts = new SemaphoreSlim[count];
        threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            starts[i] = new SemaphoreSlim(0);
            int index = i;
            threads[i] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"aitune stream {i}" };
            threads[i].Start();
        }
    }

    public int Count => threads.Length;

    /// <summary>How many of the threads are still running: 0 after Dispose.</summary>
    public int LiveThreads => threads.Count(t => t.IsAlive);

    /// <summary>Runs <paramref name="slice"/>(i) on thread i for every thread and returns when all are done.</summary>
    public void Run(Action<int> slice)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        work = slice;
        done.Reset();
        foreach (var start in starts)
        {
            start.Release();
        }

        done.Wait();
        if (failure is { } error)
        {
            failure = null;
            throw new InvalidOperationException("a memory benchmark thread failed", error);
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
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

        done.Dispose();
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
                failure = e;
            }

            done.Signal();
        }
    }
}
