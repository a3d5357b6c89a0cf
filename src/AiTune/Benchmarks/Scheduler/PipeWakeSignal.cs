using AiTune.Interop;

namespace AiTune.Benchmarks.Scheduler;

/// <summary>A pipe: post writes one byte, the waiter's blocking read of one byte sleeps until it arrives.</summary>
internal sealed unsafe class PipeWakeSignal : WakeSignal
{
    private int readEnd = -1;
    private int writeEnd = -1;

    public PipeWakeSignal()
    {
        int* ends = stackalloc int[2];
        if (Posix.Pipe2(ends, Posix.OCloExec) != 0)
        {
            throw new AiTuneException($"pipe: {Posix.Describe(Posix.LastError)}", "the process is out of file descriptors (ulimit -n)");
        }

        readEnd = ends[0];
        writeEnd = ends[1];
    }

    public override void Post()
    {
        byte one = 1;
        while (Posix.Write(writeEnd, &one, 1) < 0 && Posix.LastError == Posix.EINTR)
        {
        }
    }

    public override bool Wait()
    {
        byte value;
        while (Posix.Read(readEnd, &value, 1) < 0)
        {
            if (Posix.LastError != Posix.EINTR)
            {
                throw new InvalidOperationException($"pipe read failed: {Posix.Describe(Posix.LastError)}");
            }
        }

        return !Interrupted;
    }

    protected override void Dispose(bool disposing)
    {
        if (readEnd >= 0)
        {
            Posix.Close(readEnd);
            Posix.Close(writeEnd);
            readEnd = writeEnd = -1;
        }
    }
}
