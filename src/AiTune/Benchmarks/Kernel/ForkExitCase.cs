using System.Diagnostics;
using System.Runtime.InteropServices;
using AiTune.Hosting;
using AiTune.Inspection.Memory;
using AiTune.Interop;
using AiTune.Units;

namespace AiTune.Benchmarks.Kernel;

/// <summary>
/// Process creation and teardown: the parent forks, the child exits at once with status 0, the parent reaps it with
/// waitpid. The cost is the copy of this process's memory map and page tables, the child's exit (the address space
/// torn down), and the wake-up of the waiting parent; it grows with the parent's mappings, so it is aitune's own
/// fork, not a small C program's.
/// </summary>
/// <remarks>
/// Why the child is made with libc's clone(), running libc's _exit, and not with fork() and a managed _exit call:
/// after a fork only the forking thread exists in the child, and the .NET runtime's other threads (the GC's, the
/// finalizer, a thread that was suspending the others for a collection) are gone with whatever locks they held. Any
/// managed code the child runs can wait for them for ever:
/// <list type="bullet">
/// <item>a P/Invoke with the GC transition returns to cooperative mode, and if a collection was under way in the
/// parent at the moment of the fork the child finds the "threads must stop" flag set in its copy of memory and waits
/// for a collection that no thread will ever finish;</item>
/// <item>[SuppressGCTransition] does not avoid that: the JIT puts a GC poll right after such a call, which reads the
/// same flag;</item>
/// <item>the first call of a P/Invoke binds its target lazily (under the JIT), through the runtime's loader and its
/// locks, so an _exit first called in the child could deadlock on a lock a vanished thread held.</item>
/// </list>
/// clone(fn, stack, SIGCHLD, arg) makes the same copy of the process (no CLONE_VM: what fork(2) asks the kernel for,
/// less the child-tid bookkeeping glibc adds), and the child starts in libc's clone trampoline, on a stack allocated
/// here, and calls fn(arg) = _exit(0), whose address was looked up in the parent beforehand. The child runs no
/// managed code, takes no lock, allocates nothing, and leaves with exit_group at once: it cannot hang, whatever
/// state the parent's runtime was in. Pending signals are not inherited, and no one else knows the child's pid.
/// The parent only ever runs ordinary managed code.
/// </remarks>
public sealed unsafe class ForkExitCase : KernelPathCase
{
    /// <summary>The child's stack: _exit needs a few hundred bytes; 64 KiB leaves room for any libc.</summary>
    private const int ChildStackBytes = 64 * 1024;

    private nint exitFunction;
    private byte* childStack;

    public ForkExitCase(int operations)
        : base("fork-exit", $"{operations:N0} times: fork this process (clone with SIGCHLD), the child exits at once, the parent waits for it; ns per fork+exit+wait", "ns/op", operations)
    {
    }

    public override void Prepare(CancellationToken cancellation)
    {
        exitFunction = Posix.ExitFunction()
            ?? throw new AiTuneException("kernel/fork-exit: libc's _exit cannot be found in this process", "this libc does not export _exit; the other kernel cases still run");
        childStack = (byte*)NativeMemory.AlignedAlloc(ChildStackBytes, 64);
        using var root = new FileSystemHostRoot("/");
        if (root.ReadText("/proc/self/maps").TryGet(out string? maps))
        {
            Note($"the forking process has {maps.Count(c => c == '\n')} mappings (/proc/self/maps): fork copies them, so the cost grows with the process");
        }

        // fork copies one page-table entry per huge page and one per base page: which of the process's ranges THP
        // backs moves this cost (9 % between two boots of one kernel, where a lab guest's PID 1 now keeps THP out).
        const string rollup = "/proc/self/smaps_rollup";
        var memory = root.ReadText(rollup).Map(text => MeminfoParser.Parse(text, rollup));
        if (memory.TryGet(out var fields) && fields.Get("Anonymous").TryGet(out long anonymous) && fields.Get("AnonHugePages").TryGet(out long huge))
        {
            Note($"it has {ByteSize.Format(anonymous)} of anonymous memory, {ByteSize.Format(huge)} of it on transparent huge pages ({rollup})");
        }
    }

    /// <summary>Forks and reaps one child: true when it exited with status 0.</summary>
    internal bool ForkAndReap()
    {
        if (childStack == null)
        {
            throw new InvalidOperationException($"{FullName}: measured before it was prepared");
        }

        // The stack grows down on every architecture .NET runs on: the child starts at the top, 16-byte aligned.
        int pid = Posix.Clone(exitFunction, childStack + ChildStackBytes, Posix.SigChld, 0);
        if (pid < 0)
        {
            int errno = Posix.LastError;
            throw new AiTuneException($"kernel/fork-exit: cannot create a process: {Posix.Describe(errno)}",
                errno == Posix.EAGAIN ? "the user's process limit (ulimit -u) or the cgroup's pids.max is reached" : "the kernel refused clone(2); the other kernel cases still run");
        }

        int status;
        while (Posix.WaitPid(pid, &status, 0) < 0)
        {
            int errno = Posix.LastError;
            if (errno == Posix.ECHILD)
            {
                // Reaped by someone else: .NET's own SIGCHLD handler reaps every child when SIGCHLD was ignored at
                // start-up. The child did exit; its status is lost.
                return true;
            }

            if (errno != Posix.EINTR)
            {
                throw new InvalidOperationException($"waitpid({pid}) failed: {Posix.Describe(errno)}");
            }
        }

        // WIFEXITED with status 0: the whole word is 0.
        return status == 0;
    }

    protected override long RunOperations(CancellationToken cancellation)
    {
        long begin = Stopwatch.GetTimestamp();
        for (int i = 0; i < Operations; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!ForkAndReap())
            {
                throw new AiTuneException("kernel/fork-exit: a child did not exit with status 0", "a seccomp filter or a security module may kill new processes; the other kernel cases still run");
            }
        }

        return Stopwatch.GetTimestamp() - begin;
    }

    protected override void Dispose(bool disposing)
    {
        if (childStack != null)
        {
            NativeMemory.AlignedFree(childStack);
            childStack = null;
        }

        base.Dispose(disposing);
    }
}
