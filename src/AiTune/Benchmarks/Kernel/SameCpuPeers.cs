using System.Diagnostics;
using AiTune.Benchmarks.Threading;
using AiTune.Interop;

namespace AiTune.Benchmarks.Kernel;

/// <summary>
/// Two threads on one CPU, for the round-trip cases: every hand-over is a wake-up and a context switch on that CPU,
/// no inter-processor interrupt and no idle exit of a second CPU, so the same code runs on a 1-CPU guest (where
/// TCG's -icount needs -smp 1) and on a host with many. Both threads pin themselves before the clock starts.
/// </summary>
internal static class SameCpuPeers
{
    /// <summary>The CPU both threads run on: the first this process may use.</summary>
    public static int Choose(string caseName)
    {
        var allowed = Posix.AllowedCpus()
            ?? throw new AiTuneException($"{caseName}: sched_getaffinity failed: {Posix.Describe(Posix.LastError)}", "the other kernel cases still run");
        return allowed.Count > 0 ? allowed[0] : throw new AiTuneException($"{caseName}: this process may run on no CPU", "check the process's cpuset");
    }

    /// <summary>Runs <paramref name="initiator"/> and <paramref name="responder"/> on two threads pinned to
    /// <paramref name="cpu"/>, released once both are pinned; returns the <see cref="Stopwatch"/> ticks the
    /// initiator took. <paramref name="abort"/> must unblock both (it is called on the first failure and on
    /// Ctrl-C).</summary>
    public static long Run(string caseName, int cpu, Action initiator, Action responder, Action abort, CancellationToken cancellation)
    {
        using var pinned = new Barrier(2);
        string? pinFailure = null;
        long ticks = 0;
        WorkerThreads.Run(caseName,
            [
                () =>
                {
                    Pin();
                    long begin = Stopwatch.GetTimestamp();
                    initiator();
                    ticks = Stopwatch.GetTimestamp() - begin;
                },
                () =>
                {
                    Pin();
                    responder();
                },
            ],
            abort, cancellation);
        return ticks;

        void Pin()
        {
            if (Posix.PinCurrentThread(cpu) != 0)
            {
                Interlocked.CompareExchange(ref pinFailure, $"sched_setaffinity(CPU {cpu}): {Posix.Describe(Posix.LastError)}", null);
            }

            // Both threads meet here whether or not they could pin, so neither waits for a partner that gave up.
            pinned.SignalAndWait(CancellationToken.None);
            if (pinFailure is { } reason)
            {
                throw new AiTuneException($"{caseName}: cannot pin a thread: {reason}", "the CPU may be outside this process's cpuset; the other kernel cases still run");
            }
        }
    }
}
