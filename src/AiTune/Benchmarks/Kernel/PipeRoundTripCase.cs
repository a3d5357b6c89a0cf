using AiTune.Benchmarks.Scheduler;

namespace AiTune.Benchmarks.Kernel;

/// <summary>
/// A byte bounced between two threads on one CPU through two pipes (the scheduler suite's pipe wake signal, one per
/// direction): every round trip is two 1-byte writes, two blocking reads, two wake-ups and two context switches,
/// what <c>taskset -c 0 perf bench sched pipe</c> measures.
/// </summary>
public sealed class PipeRoundTripCase : KernelPathCase
{
    private WakeSignal? ping;
    private WakeSignal? pong;
    private int cpu;
    private volatile bool aborted;

    public PipeRoundTripCase(int operations)
        : base("pipe-rtt", $"{operations:N0} round trips of one byte through two pipes between two threads on one CPU; ns per round trip", "ns/op", operations)
    {
        Parameter("placement", "same-cpu");
    }

    public override void Prepare(CancellationToken cancellation)
    {
        cpu = SameCpuPeers.Choose(FullName);
        ping = WakeSignal.Create(WakeMechanism.Pipe);
        pong = WakeSignal.Create(WakeMechanism.Pipe);
        Note($"both threads pinned to CPU {cpu}");
    }

    protected override long RunOperations(CancellationToken cancellation)
    {
        if (ping is null || pong is null || aborted)
        {
            throw new InvalidOperationException($"{FullName} is not prepared, or was stopped");
        }

        var (forth, back) = (ping, pong);
        return SameCpuPeers.Run(FullName, cpu,
            () =>
            {
                for (int i = 0; i < Operations; i++)
                {
                    forth.Post();
                    if (!back.Wait())
                    {
                        return;
                    }
                }
            },
            () =>
            {
                for (int i = 0; i < Operations; i++)
                {
                    if (!forth.Wait())
                    {
                        return;
                    }

                    back.Post();
                }
            },
            Abort, cancellation);
    }

    protected override void Dispose(bool disposing)
    {
        ping?.Dispose();
        pong?.Dispose();
        ping = pong = null;
        base.Dispose(disposing);
    }

    /// <summary>Wakes both threads for good (a failure, Ctrl-C): the signals stay interrupted, so the case is over.</summary>
    private void Abort()
    {
        aborted = true;
        ping?.Interrupt();
        pong?.Interrupt();
    }
}
