using System.Runtime.InteropServices;

namespace AiTune.Interop;

/// <summary>
/// The system calls of the kernel-path benchmark: the cheapest round trip into the kernel (getppid), the vDSO clock,
/// and process creation. The first two are called in tight loops, so they suppress the GC transition: both return at
/// once and never block, which is what <see cref="SuppressGCTransitionAttribute"/> requires, and without it the
/// transition would be most of what a loop of them measures.
/// </summary>
internal static unsafe partial class Posix
{
    internal const int ECHILD = 10;

    /// <summary>SIGCHLD: the exit signal fork(2) asks for, as clone's flags carry it (17 on every architecture aitune builds for).</summary>
    internal const int SigChld = 17;

    /// <summary>CLOCK_MONOTONIC (linux/time.h).</summary>
    internal const int ClockMonotonic = 1;

    /// <summary>getppid(2): no argument, no lock, nothing cached by libc (unlike getpid in old glibc), so every call is
    /// one system call. Never fails.</summary>
    [LibraryImport("libc", EntryPoint = "getppid")]
    [SuppressGCTransition]
    internal static partial int GetParentPid();

    /// <summary>clock_gettime(3): libc's, so through the vDSO where the clocksource allows (tsc, kvm-clock), a system
    /// call otherwise (hpet, acpi_pm).</summary>
    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [SuppressGCTransition]
    internal static partial int ClockGetTime(int clock, Timespec* time);

    /// <summary>clone(2)'s libc wrapper: the child starts on <paramref name="stackTop"/> and runs
    /// <paramref name="function"/>(<paramref name="argument"/>), native code, and never comes back to the caller's
    /// code. The optional pid and TLS arguments are left out: they are read only with flags that ask for them.</summary>
    [LibraryImport("libc", EntryPoint = "clone", SetLastError = true)]
    internal static partial int Clone(nint function, void* stackTop, int flags, nint argument);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    internal static partial int WaitPid(int pid, int* status, int options);

    /// <summary>The address of libc's _exit, looked up in the process's global symbols (libc is always loaded):
    /// the function a cloned child runs to leave at once. Null where it cannot be found.</summary>
    internal static nint? ExitFunction() =>
        NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "_exit", out nint address) ? address : null;
}
