using AiTune.Interop;

namespace AiTune.Benchmarks.Scheduler;

/// <summary>An eventfd: post adds 1 to its counter, the waiter's blocking read sleeps until it is non-zero.</summary>
internal sealed unsafe class EventfdWakeSignal : WakeSignal
{
    private int descriptor;

    public EventfdWakeSignal()
    {
        descriptor = Posix.Eventfd(0, Posix.EfdCloExec);
        if (descriptor < 0)
        {
            throw new AiTuneException($"eventfd: {Posix.Describe(Posix.LastError)}", "the kernel lacks CONFIG_EVENTFD or the process is out of file descriptors (ulimit -n)");
        }
    }

    public override void Post()
    {
        ulong one = 1;
        while (Posix.Write(descriptor, (byte*)&one, sizeof(ulong)) < 0 && Posix.LastError == Posix.EINTR)
        {
        }
    }

    public override bool Wait()
    {
        ulong value;
        while (Posix.Read(descriptor, (byte*)&value, sizeof(ulong)) < 0)
        {
            if (Posix.LastError != Posix.EINTR)
            {
                throw new InvalidOperationException($"eventfd read failed: {Posix.Describe(Posix.LastError)}");
            }
        }

        return !Interrupted;
    }

    protected override void Dispose(bool disposing)
    {
        if (descriptor >= 0)
        {
            Posix.Close(descriptor);
            descriptor = -1;
        }
    }
}
