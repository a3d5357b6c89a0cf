using AiTune.Benchmarks.Loopback;

namespace AiTune.Benchmarks.Kernel;

/// <summary>
/// The `kernel` suite: what the kernel's own code paths cost, one operation at a time (a system call, the vDSO clock,
/// fork+exit, a pipe and a socket round trip on one CPU, a 4 KiB page fault). On a host it is time; in a guest under
/// TCG with -icount shift=0 every instruction takes 1 ns of virtual time, so the same numbers count the instructions
/// of each path, which is how the kernel lab compares kernels without KVM.
/// </summary>
public static class KernelSuite
{
    public const string Name = "kernel";

    /// <summary>The one metric of every case: mean ns per operation (per page for the fault case).</summary>
    public const string CostMetric = "cost";

    /// <summary>Operations between cancellation checks in the tight loops: well under a millisecond even in a guest.</summary>
    internal const int CancellationStride = 4096;

    public static BenchmarkSuite Suite { get; } = new(Name,
        "kernel path costs: system call, vDSO clock_gettime, fork+exit, pipe, Unix and TCP round trips on one CPU, 4 KiB page fault (ns per operation)",
        "Seven cases, each a loop of one operation; a repetition runs a fixed count of them and reports the mean cost of "
        + "one in ns (lower is better), and the repetition is the sample, one warm-up repetition discarded. syscall: "
        + "getppid(2) in a tight loop, the cheapest complete system call (entry, exit, the mitigations every crossing "
        + "pays). clock-gettime: clock_gettime(CLOCK_MONOTONIC) through libc, so through the vDSO where the clocksource "
        + "allows (tsc, kvm-clock) and a real system call where it does not (hpet): the case notes the clocksource. "
        + "fork-exit: this process forks (clone with SIGCHLD, the copy fork(2) makes), the child calls _exit(0) at "
        + "once and the parent reaps it with waitpid; the child runs only libc's code, never .NET's, and the cost grows "
        + "with the parent's mappings (noted). pipe-rtt: one byte bounced between two threads through two pipes, "
        + "unix-rr and tcp-rr: a 64-byte request and response over one AF_UNIX stream connection or one TCP "
        + "connection on 127.0.0.1 (TCP_NODELAY); in all three both threads are pinned to one CPU, so each round trip "
        + "is two wake-ups and two context switches on that CPU and no inter-processor interrupt, and the cases run "
        + "on a 1-CPU machine. fault-4k: a fresh anonymous mapping with MADV_NOHUGEPAGE (never THP, so 4 KiB faults), "
        + "one byte written per page (timed: fault, allocation, zeroing), then unmapped (not timed); ns per page. "
        + "Counts per repetition are sized so that each case's repetition takes a few milliseconds on a current host "
        + "(about 10 ms, 2 ms with --quick) and stays well under a second in an emulated guest 10 to 50 times slower. "
        + "Under TCG with -icount shift=0,sleep=off and -smp 1 one guest instruction is one ns of the guest's clock, "
        + "so these numbers are instructions per operation (user and kernel code together), deterministic to about "
        + "1 %: compare kernels by their ratio, and never with a host's time.",
        Create);

    /// <summary>Operations per repetition, standard and quick, per case. Standard is 5× quick. Quick aims at about
    /// 2 ms a repetition on a bare-metal or KVM x86 host (a system call about 0.1 µs, a vDSO clock read 25 ns, a
    /// same-CPU pipe round trip 3–10 µs, a socket round trip 5–15 µs, a fork+exit of aitune 0.3–1 ms, a 4 KiB fault
    /// 0.3–1 µs), so a TCG guest 10–50× slower spends 20–100 ms, and an icount guest, whose samples barely vary,
    /// stops at the minimum of 5. On the paravirtualized development VM system calls (about 1 µs on a quiet host) and
    /// page faults (12 µs and more) cost 10–30× that, and a quick run of the suite took 11 s under heavy load.</summary>
    public static IReadOnlyList<(string Case, int Standard, int Quick)> Sizes { get; } =
    [
        ("syscall", 50_000, 10_000),
        ("clock-gettime", 250_000, 50_000),
        ("fork-exit", 25, 5),
        ("pipe-rtt", 1_000, 200),
        ("unix-rr", 1_000, 200),
        ("tcp-rr", 1_000, 200),
        ("fault-4k", 10_000, 2_000),
    ];

    private static IReadOnlyList<BenchmarkCase> Create(SuiteOptions options)
    {
        int Count(string name)
        {
            var size = Sizes.First(s => s.Case == name);
            return options.Quick ? size.Quick : size.Standard;
        }

        return
        [
            new SyscallCase(Count("syscall")),
            new ClockGettimeCase(Count("clock-gettime")),
            new ForkExitCase(Count("fork-exit")),
            new PipeRoundTripCase(Count("pipe-rtt")),
            new SocketRoundTripCase(LoopbackTransport.Unix, Count("unix-rr")),
            new SocketRoundTripCase(LoopbackTransport.Tcp, Count("tcp-rr")),
            new BasePageFaultCase(Count("fault-4k")),
        ];
    }
}
