using AiTune.Knobs;

namespace AiTune.Profiles;

/// <summary>Why aitune's profiles expect what they do of a knob, and where that reasoning comes from: one text per knob,
/// for two readers. A built-in profile's setting that states no <c>why</c>/<c>source</c> of its own takes it
/// (<see cref="ProfileParser"/>), and the audit rule that judges the knob explains itself with it (<c>Audit.KnobRule</c>),
/// so the profiles and the audit cannot drift apart. It lives here rather than in the audit because the profiles need
/// it and sit below the audit; the audit's rule adds its id, title and severity.</summary>
public static class KnobRationales
{
    private const string HugetlbDoc = "Documentation/admin-guide/mm/hugetlbpage.rst";
    private const string CpufreqDoc = "Documentation/admin-guide/pm/cpufreq.rst";
    private const string BlockDoc = "Documentation/block/queue-sysfs.rst";
    private const string IpSysctlDoc = "Documentation/networking/ip-sysctl.rst";
    private const string CoreSysctlDoc = "Documentation/admin-guide/sysctl/net.rst";
    private const string KernelSysctlDoc = "Documentation/admin-guide/sysctl/kernel.rst";
    private const string Khc = "kernel-hardening-checker (KSPP)";

    private static readonly Dictionary<Knob, KnobRationale> ByKnob = new()
    {
        // Memory.
        [Knob.HugePages("2048kB")] = new(
            "A loader that backs weights with hugetlb pages (MAP_HUGETLB, hugetlbfs) needs the whole model's tensor bytes in the pool; " +
            "a short pool makes the allocation fail or fall back to 4 KiB pages, with many more page faults and TLB misses at load. " +
            "Profiles size the pool from the model (value = \"model\": tensor bytes plus headroom, on the GPU's NUMA node on multi-node " +
            "hosts); mmap of the page cache and GPU-resident weights do not need it, hence a warning rather than a failure.",
            HugetlbDoc),
        [Knob.HugePages("1048576kB")] = new(
            "1 GiB pages cover a model with a few hundred TLB entries instead of tens of thousands of 2 MiB ones. The kernel can only find " +
            "1 GiB of contiguous free memory reliably at boot, so the pool is reserved on the kernel command line; a short pool leaves " +
            "a hugetlb loader without the pages it maps.",
            HugetlbDoc),
        [Knob.Thp("enabled")] = new(
            "THP backs anonymous memory with 2 MiB pages, cutting page faults and TLB misses for large tensors. 'always' gives it to every " +
            "process (and can bloat memory and stall on compaction); 'madvise' gives it to allocators that ask (PyTorch, llama.cpp).",
            "Documentation/admin-guide/mm/transhuge.rst"),
        [Knob.Thp("defrag")] = new(
            "With defrag 'always' a page fault that finds no free 2 MiB page compacts memory synchronously: a latency spike of milliseconds " +
            "in the faulting thread. 'defer+madvise' compacts directly only for regions that asked for huge pages and wakes kcompactd for the rest.",
            "Documentation/admin-guide/mm/transhuge.rst"),
        [Knob.Sysctl("vm.swappiness")] = new(
            "vm.swappiness weighs reclaiming anonymous memory (to swap) against dropping page cache. The default 60 lets the kernel swap out " +
            "idle parts of a loaded model under page-cache pressure; a low value keeps anonymous memory resident.",
            "Documentation/admin-guide/sysctl/vm.rst; TuneD throughput-performance"),
        [Knob.Sysctl("vm.max_map_count")] = new(
            "Each mmap'd shard, CUDA/ROCm allocation and shared library is a mapping; a process that reaches vm.max_map_count (default 65530) " +
            "gets ENOMEM from mmap even with free memory. Serving many models or sharded checkpoints approaches the default.",
            "Documentation/admin-guide/sysctl/vm.rst"),
        [Knob.Sysctl("vm.zone_reclaim_mode")] = new(
            "With zone_reclaim_mode on, an allocation that does not fit its local node reclaims (drops page cache, writes back) before falling " +
            "back to another node: model files read from the page cache are evicted and reloaded.",
            "Documentation/admin-guide/sysctl/vm.rst"),
        [Knob.Sysctl("kernel.numa_balancing")] = new(
            "Automatic NUMA balancing periodically unmaps pages to sample accesses (hinting faults) and migrates them. Workers pinned next to " +
            "their GPU gain nothing from it and pay the faults and migrations as jitter. NVIDIA's Grace and AMD's MI300X guides turn it off " +
            "(AMD advises measuring both).",
            "Documentation/admin-guide/sysctl/kernel.rst; AMD MI300X system optimization; NVIDIA Grace tuning guide"),

        // Processors.
        [Knob.Cpu("governor")] = new(
            "The governor picks the clock. powersave/schedutil ramp up only after load appears: the first milliseconds of a request or " +
            "a tokenizer burst run slow. performance holds the highest frequency (with intel_pstate, performance also fixes EPP to performance).",
            CpufreqDoc + "; TuneD throughput-performance, accelerator-performance"),
        [Knob.Cpu("energy_performance_preference")] = new(
            "With intel_pstate and amd-pstate in active mode the hardware chooses frequencies itself, biased by EPP: balance_power and " +
            "power keep cores slow under bursty load.",
            "Documentation/admin-guide/pm/intel_pstate.rst; amd-pstate.rst"),
        [Knob.Cpu("boost")] = new(
            "Boost (turbo) lets cores exceed the base clock when power and thermal budget allow; tokenization, sampling and the Python " +
            "host loop of a GPU server are single-thread bound and gain directly.",
            CpufreqDoc),

        // Storage.
        [Knob.Block("nvme", "scheduler")] = new(
            "An NVMe drive has many deep hardware queues and orders requests itself; a software scheduler (mq-deadline, bfq) adds a lock " +
            "and per-request CPU time on the path that streams model weights. 'none' hands requests straight to the drive.",
            BlockDoc + "; Documentation/block/blk-mq.rst"),
        [Knob.Block("ssd", "scheduler")] = new(
            "Single-queue SSDs benefit from mq-deadline's read priority and expiry; 'none' is also fine on fast virtual disks.",
            BlockDoc),
        [Knob.Block("hdd", "scheduler")] = new(
            "A spinning disk pays a seek for every out-of-order request; mq-deadline and bfq batch and order them, 'none' does not.",
            BlockDoc + "; Documentation/block/bfq-iosched.rst"),
        [Knob.Block("nvme", "read_ahead_kb")] = new(
            "Loading weights is a long sequential read; buffered and mmap loaders rely on read-ahead to keep the drive busy. The default " +
            "128 KiB leaves fast drives idle between requests; TuneD raises it to 4 MiB for throughput.",
            BlockDoc + " (read_ahead_kb); TuneD throughput-performance"),
        [Knob.Block("ssd", "read_ahead_kb")] = new(
            "As for NVMe: sequential weight loading through the page cache needs read-ahead larger than the 128 KiB default.",
            BlockDoc + " (read_ahead_kb)"),
        [Knob.Block("hdd", "read_ahead_kb")] = new(
            "On a spinning disk large read-ahead turns a model load into few long sequential transfers instead of many seeks.",
            BlockDoc + " (read_ahead_kb)"),

        // Network.
        [Knob.Sysctl("net.core.somaxconn")] = new(
            "net.core.somaxconn caps every listening socket's accept backlog. When a burst of clients connects faster than the server " +
            "accepts, connections beyond it are dropped or retried after a second. Kernels since 5.4 default to 4096.",
            IpSysctlDoc + "; TuneD throughput-performance"),
        [Knob.Sysctl("net.ipv4.tcp_max_syn_backlog")] = new(
            "Half-open connections wait in the SYN queue; a short queue under a burst of new API clients falls back to SYN cookies or drops.",
            IpSysctlDoc),
        [Knob.Sysctl("net.core.netdev_max_backlog")] = new(
            "Packets wait in a per-CPU backlog before protocol processing (loopback traffic too). On 25–400 GbE links used for NCCL over " +
            "sockets the default 1000 overflows and drops.",
            CoreSysctlDoc),
        [Knob.Sysctl("net.core.rmem_max")] = new(
            "rmem_max caps the buffer an application may request with SO_RCVBUF; NCCL's socket transport and bulk tensor transfers need " +
            "megabytes in flight to fill a high bandwidth-delay link.",
            CoreSysctlDoc),
        [Knob.Sysctl("net.core.wmem_max")] = new(
            "wmem_max caps SO_SNDBUF; streaming large responses or tensors needs more than the default 208 KiB in flight.",
            CoreSysctlDoc),
        [Knob.Sysctl("net.core.busy_poll")] = new(
            "With busy_poll, poll/select/epoll spin on the device queue for the given microseconds instead of sleeping until an interrupt: " +
            "lower and steadier request latency at the cost of CPU.",
            CoreSysctlDoc),
        [Knob.Sysctl("net.core.busy_read")] = new(
            "busy_read is busy_poll for blocking reads: the reading thread spins for the given microseconds before sleeping.",
            CoreSysctlDoc),
        [Knob.Sysctl("net.ipv4.tcp_slow_start_after_idle")] = new(
            "By default a TCP connection idle for one RTO restarts from a small congestion window: the next streamed response on a " +
            "keep-alive API connection starts slow. 0 keeps the window.",
            IpSysctlDoc),
        [Knob.Sysctl("net.ipv4.tcp_fastopen")] = new(
            "TCP Fast Open carries the request in the SYN for repeat clients (bit 1: client, bit 2: server). Only clients that use it gain.",
            IpSysctlDoc),

        // Security.
        [Knob.Sysctl("kernel.kptr_restrict")] = new(
            "kptr_restrict hides kernel addresses in /proc and logs, which defeats KASLR-bypass tricks. 2 hides them even from root, which " +
            "also blinds perf and flame-graph symbolization (kernel-hardening-checker #189); 1 keeps them for CAP_SYSLOG.",
            KernelSysctlDoc + "; " + Khc),
        [Knob.Sysctl("kernel.dmesg_restrict")] = new(
            "dmesg_restrict keeps unprivileged users out of the kernel log, which leaks addresses and hardware details. GPU Xid errors stay " +
            "readable to root and DCGM.",
            KernelSysctlDoc + "; " + Khc),
        [Knob.Sysctl("kernel.unprivileged_bpf_disabled")] = new(
            "Unprivileged eBPF has been a steady source of kernel exploits. 2 disables it and stays reversible by an administrator; 1 cannot " +
            "be undone until reboot. Privileged tools (Cilium, Falco with CAP_BPF) keep working.",
            KernelSysctlDoc + "; " + Khc),
        [Knob.Sysctl("net.core.bpf_jit_harden")] = new(
            "bpf_jit_harden=2 blinds constants in JIT-compiled BPF for every user, against JIT spraying; the cost is small and AI workloads do not notice.",
            "Documentation/admin-guide/sysctl/net.rst; " + Khc),
        [Knob.Sysctl("kernel.yama.ptrace_scope")] = new(
            "Yama's ptrace_scope 1 lets a process be debugged only by its ancestors, 2 only by administrators. 3 forbids ptrace even to root " +
            "and cannot be undone until reboot: py-spy, gdb, cuda-gdb and Nsight can no longer attach to a stuck inference server.",
            "Documentation/admin-guide/LSM/Yama.rst; CIS 1.5.2; " + Khc),
        [Knob.Sysctl("kernel.kexec_load_disabled")] = new(
            "kexec replaces the running kernel without firmware checks. Setting kexec_load_disabled=1 is one-way until reboot: set it after " +
            "kdump has loaded its crash kernel.",
            KernelSysctlDoc + "; " + Khc),
        [Knob.Sysctl("kernel.perf_event_paranoid")] = new(
            "perf_event_paranoid >= 2 keeps unprivileged users from kernel profiling (side channels, kernel address leaks). It also stops " +
            "unprivileged perf, Nsight Systems CPU sampling and node_exporter's perf collector: profile as root or with CAP_PERFMON.",
            KernelSysctlDoc + "; " + Khc),
        [Knob.Sysctl("fs.protected_symlinks")] = new(
            "Blocks the classic /tmp symlink race: a link in a world-writable sticky directory is followed only by its owner.",
            "Documentation/admin-guide/sysctl/fs.rst; " + Khc),
        [Knob.Sysctl("fs.protected_hardlinks")] = new(
            "Users cannot hard-link files they do not own: closes privilege escalation through links to setuid binaries.",
            "Documentation/admin-guide/sysctl/fs.rst; " + Khc),
        [Knob.Sysctl("fs.protected_fifos")] = new(
            "Refuses O_CREAT opens of FIFOs in world-writable sticky directories owned by others: data-spoofing races in /tmp.",
            "Documentation/admin-guide/sysctl/fs.rst; " + Khc),
        [Knob.Sysctl("fs.protected_regular")] = new(
            "As protected_fifos, for regular files: a process cannot be tricked into writing a file an attacker pre-created in /tmp.",
            "Documentation/admin-guide/sysctl/fs.rst; " + Khc),
        [Knob.Sysctl("fs.suid_dumpable")] = new(
            "A core dump of a setuid or privilege-changing process can leak secrets (keys, tokens) to a readable file.",
            "Documentation/admin-guide/sysctl/fs.rst; CIS 1.5.3; " + Khc),
        [Knob.Sysctl("kernel.randomize_va_space")] = new(
            "ASLR (2: stack, mmap, VDSO and heap) makes memory-corruption exploits guess addresses. No AI workload needs it off.",
            KernelSysctlDoc + "; CIS 1.5.1; " + Khc),
        [Knob.Sysctl("vm.unprivileged_userfaultfd")] = new(
            "userfaultfd lets a process stall kernel accesses to its memory at will, a favourite primitive for widening race windows in exploits.",
            "Documentation/admin-guide/sysctl/vm.rst; " + Khc),
        [Knob.Sysctl("kernel.sysrq")] = new(
            "Magic SysRq gives console users reboot, kill-all and memory dumps. 0 disables it; 176 keeps sync, remount read-only and reboot " +
            "for recovering a hung GPU host.",
            "Documentation/admin-guide/sysrq.rst; " + Khc),
        [Knob.Sysctl("net.ipv4.tcp_syncookies")] = new(
            "When the SYN queue overflows, SYN cookies keep accepting legitimate connections instead of dropping them: an API endpoint stays reachable under a flood.",
            "Documentation/networking/ip-sysctl.rst; CIS 3.3.10"),
        [Knob.Sysctl("dev.tty.ldisc_autoload")] = new(
            "Stops unprivileged users from loading rarely used (and rarely audited) line-discipline modules by opening a TTY with them.",
            KernelSysctlDoc + "; " + Khc),
    };

    /// <summary>Every knob that has a rationale: the knobs the audit's knob rules judge.</summary>
    public static IEnumerable<Knob> Knobs => ByKnob.Keys;

    /// <summary>The rationale of <paramref name="knob"/>, or null for a knob no built-in profile explains.</summary>
    public static KnobRationale? For(Knob knob) => ByKnob.GetValueOrDefault(knob);
}
