using System.Runtime.InteropServices;

namespace AiTune.Interop;

/// <summary>
/// The system calls of the scheduler benchmark: the three ways one thread wakes another that a serving stack uses
/// (futex under every mutex and condition variable, eventfd under epoll-driven runtimes, pipes under older ones),
/// and CPU affinity for the pinned cases. .NET exposes none of them.
/// </summary>
internal static unsafe partial class Posix
{
    internal const int ETIMEDOUT = 110;

    internal const int FutexWait = 0;
    internal const int FutexWake = 1;

    /// <summary>FUTEX_PRIVATE_FLAG: the word is not shared with another process, so the kernel hashes it by
    /// address in this mm and skips the shared-mapping lookup (what glibc's process-private mutexes use).</summary>
    internal const int FutexPrivateFlag = 128;

    /// <summary>EFD_CLOEXEC is O_CLOEXEC (include/uapi/linux/eventfd.h).</summary>
    internal const int EfdCloExec = OCloExec;

    /// <summary>struct timespec of a 64-bit architecture: two longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>The futex(2) syscall number, or null where this process's architecture is not one aitune knows.
    /// arch/x86/entry/syscalls/syscall_64.tbl has 202; the generic table (include/uapi/asm-generic/unistd.h) that
    /// arm64, riscv64 and loongarch64 use has 98; powerpc 221; s390x 238. 32-bit architectures are left out: their
    /// futex takes a 32-bit timespec.</summary>
    internal static long? FutexSyscallNumber => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64 => 98,
        Architecture.Ppc64le => 221,
        Architecture.S390x => 238,
        _ => null,
    };

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long FutexSyscall(long number, int* word, int operation, int value, Timespec* timeout, int* word2, int value3);

    /// <summary>futex(2) through syscall(2): glibc has no wrapper. Returns -1 with errno set on failure (EAGAIN
    /// when the word no longer holds <paramref name="value"/>, ETIMEDOUT, EINTR).</summary>
    internal static long Futex(long number, int* word, int operation, int value, Timespec* timeout) =>
        FutexSyscall(number, word, operation, value, timeout, null, 0);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int Eventfd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    internal static partial int Pipe2(int* descriptors, int flags);

    /// <summary>sched_setaffinity(2): with <paramref name="tid"/> 0 it pins the calling thread alone (the kernel
    /// treats every thread as a task), which is how a benchmark thread pins itself without gettid.</summary>
    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    internal static partial int SchedSetAffinity(int tid, nuint maskBytes, ulong* mask);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinity(int tid, nuint maskBytes, ulong* mask);

    /// <summary>The CPUs the calling thread may run on (taskset, cpuset cgroups), ascending; null with errno set
    /// when the kernel refuses. The mask grows until it holds every CPU id the kernel knows (EINVAL means too small).</summary>
    internal static IReadOnlyList<int>? AllowedCpus()
    {
        for (int words = 16; words <= 1024; words *= 2)
        {
            ulong[] mask = new ulong[words];
            fixed (ulong* p = mask)
            {
                if (SchedGetAffinity(0, (nuint)(words * sizeof(ulong)), p) != 0)
                {
                    if (LastError == EINVAL)
                    {
                        continue;
                    }

                    return null;
                }
            }

            var cpus = new List<int>();
            for (int cpu = 0; cpu < words * 64; cpu++)
            {
                if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0)
                {
                    cpus.Add(cpu);
                }
            }

            return cpus;
        }

        return null;
    }

    /// <summary>Pins the calling thread to <paramref name="cpus"/> (what it starts inherits the mask); 0, or -1 with
    /// errno set.</summary>
    internal static int PinCurrentThread(IReadOnlyList<int> cpus)
    {
        int words = cpus.Max() / 64 + 1;
        ulong* mask = stackalloc ulong[words];
        new Span<ulong>(mask, words).Clear();
        foreach (int cpu in cpus)
        {
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        return SchedSetAffinity(0, (nuint)(words * sizeof(ulong)), mask);
    }

    /// <summary>Pins the calling thread to one CPU; 0, or -1 with errno set (EINVAL when the CPU is not in the
    /// thread's cpuset).</summary>
    internal static int PinCurrentThread(int cpu)
    {
        int words = cpu / 64 + 1;
        ulong* mask = stackalloc ulong[words];
        new Span<ulong>(mask, words).Clear();
        mask[cpu / 64] = 1UL << (cpu % 64);
        return SchedSetAffinity(0, (nuint)(words * sizeof(ulong)), mask);
    }
}
