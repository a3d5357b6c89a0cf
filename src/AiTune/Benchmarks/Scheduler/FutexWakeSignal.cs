using System.Runtime.InteropServices;
using AiTune.Interop;

namespace AiTune.Benchmarks.Scheduler;

/// <summary>
/// A futex word: 1 when posted. The waiter takes the post with an atomic exchange and otherwise sleeps in
/// FUTEX_WAIT, which returns at once when the word changed since it looked (no wake-up is lost). The wait has a
/// timeout of a second, so a waiter whose partner is gone still notices <see cref="WakeSignal.Interrupt"/>.
/// </summary>
internal sealed unsafe class FutexWakeSignal : WakeSignal
{
    private readonly long syscallNumber;
    private int* word;

    public FutexWakeSignal()
    {
        syscallNumber = Posix.FutexSyscallNumber
            ?? throw new AiTuneException($"futex: aitune does not know the futex syscall number on {RuntimeInformation.ProcessArchitecture}",
                "the eventfd and pipe cases measure the same wake-up path on this architecture");
        // A cache line of its own: the word bounces between two CPUs, nothing else should bounce with it.
        word = (int*)NativeMemory.AlignedAlloc(64, 64);
        *word = 0;
    }

    public override void Post()
    {
        Volatile.Write(ref *word, 1);
        Posix.Futex(syscallNumber, word, Posix.FutexWake | Posix.FutexPrivateFlag, 1, null);
    }

    public override bool Wait()
    {
        var timeout = new Posix.Timespec { Seconds = 1 };
        while (Interlocked.Exchange(ref *word, 0) != 1)
        {
            if (Interrupted)
            {
                return false;
            }

            // EAGAIN (already posted), EINTR and ETIMEDOUT all mean: look at the word again.
            Posix.Futex(syscallNumber, word, Posix.FutexWait | Posix.FutexPrivateFlag, 0, &timeout);
        }

        return !Interrupted;
    }

    protected override void Dispose(bool disposing)
    {
        if (word != null)
        {
            NativeMemory.AlignedFree(word);
            word = null;
        }
    }
}
