using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace AiTune.Benchmarks.Threading;

/// <summary>
/// Runs a repetition's bodies on dedicated threads, released together once all of them are running, so thread
/// start-up is never part of a measurement. The first body to fail calls <c>abort</c>, which must unblock the
/// others (a socket shut down, a flag the readers check); Ctrl-C does the same. Threads are always joined before
/// this returns, so nothing a repetition started outlives it.
/// </summary>
internal static class WorkerThreads
{
    /// <summary>Runs every body on its own thread and returns the <see cref="Stopwatch"/> timestamp at which they
    /// were released. Rethrows the first failure; throws <see cref="OperationCanceledException"/> when cancelled.</summary>
    public static long Run(string name, IReadOnlyList<Action> bodies, Action abort, CancellationToken cancellation)
    {
        using var ready = new CountdownEvent(bodies.Count);
        using var release = new ManualResetEventSlim(false);
        Exception? firstFailure = null;
        var threads = new Thread[bodies.Count];
        for (int i = 0; i < bodies.Count; i++)
        {
            var body = bodies[i];
            threads[i] = new Thread(() =>
            {
                ready.Signal();
                release.Wait();
                try
                {
                    body();
                }
                catch (Exception e)
                {
                    if (Interlocked.CompareExchange(ref firstFailure, e, null) == null)
                    {
                        abort();
                    }
                }
            })
            {
                IsBackground = true,
                Name = $"{name} {i}",
            };
        }

        long released = 0;
        int started = 0;
        using (cancellation.Register(abort))
        {
            try
            {
                foreach (var thread in threads)
                {
                    thread.Start();
                    started++;
                }

                // Every thread signals before it waits; nothing here can block for long.
                ready.Wait(CancellationToken.None);
                released = Stopwatch.GetTimestamp();
            }
            catch
            {
                // A thread that could not start (out of memory): the started ones must not wait for it.
                abort();
                throw;
            }
            finally
            {
                release.Set();
                for (int i = 0; i < started; i++)
                {
                    threads[i].Join();
                }
            }
        }

        cancellation.ThrowIfCancellationRequested();
        if (firstFailure != null)
        {
            ExceptionDispatchInfo.Capture(firstFailure).Throw();
        }

        return released;
    }
}
