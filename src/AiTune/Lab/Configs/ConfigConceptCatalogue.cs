using AiTune.Inspection.Kernel;

namespace AiTune.Lab.Configs;

/// <summary>
/// The AI-relevant concepts `aitune kernel diff` compares, as data: each reads its option(s) under every name they
/// have had, and says in one sentence per value what that value means for inference or training. Adding a concept is
/// one entry here.
/// <para>Absent and "n": an option a kernel does not define (its Kconfig predates it, or a dependency hides it) is
/// shown as "-" and, for an on/off option, compares equal to "n": both mean the feature is not there, so 6.1's
/// missing SCHED_CLASS_EXT and 6.12's SCHED_CLASS_EXT=n are not a difference. Where absence means something else, the
/// concept says so in its states: the per-vulnerability mitigation switches 6.9 added read "-" as "built in" (before
/// them the mitigation was always compiled), and LRU_GEN, PSI, NUMA balancing and zswap tell "not built" from "built,
/// off by default".</para>
/// <para>Renames: the x86 mitigations were renamed in 6.9 (PAGE_TABLE_ISOLATION → MITIGATION_PAGE_TABLE_ISOLATION,
/// RETPOLINE → MITIGATION_RETPOLINE, RETHUNK, CPU_UNRET_ENTRY, CPU_IBPB_ENTRY, CPU_IBRS_ENTRY, CPU_SRSO, SLS,
/// CALL_DEPTH_TRACKING; SPECULATION_MITIGATIONS → CPU_MITIGATIONS), so each is one option with its former name.
/// GDS_FORCE_MITIGATION (renamed MITIGATION_GDS_FORCE, removed in 6.12) is not MITIGATION_GDS (6.12's "mitigate GDS",
/// default y): a different switch, so it is not read as a former name of it.</para>
/// </summary>
public static class ConfigConceptCatalogue
{
    private const string Y = "y";
    private const string M = "m";
    private const string N = "n";
    private const string Absent = ConfigOption.Absent;

    /// <summary>Built on first use, after the option fields below are set.</summary>
    private static readonly Lazy<IReadOnlyList<ConfigConcept>> Concepts = new(Build);

    public static IReadOnlyList<ConfigConcept> All => Concepts.Value;

    private static List<ConfigConcept> Build() =>
    [
        // Preemption and timer.
        new("preemption", ConfigArea.PreemptionAndTimer, "preemption model", new PreemptionReader(new Dictionary<PreemptionModel, string>
        {
            [PreemptionModel.None] = "no kernel preemption: the most throughput for batch training, but a long system call can hold up a token-serving thread for milliseconds",
            [PreemptionModel.Voluntary] = "preemption only at explicit points: the usual server compromise, good throughput with latency tails of a few hundred microseconds under load",
            [PreemptionModel.Full] = "the kernel can be preempted almost anywhere: lower scheduling latency for request serving, at a small throughput cost",
            [PreemptionModel.Lazy] = "normal tasks are preempted at the next tick rather than at once: close to voluntary's throughput, with full preemption's bound on latency",
            [PreemptionModel.Rt] = "fully preemptible real-time kernel: bounded latency, but about twice the instructions per Unix-socket round trip and no transparent huge pages",
        }, "the config names no preemption model")),
        Switch("preempt-dynamic", ConfigArea.PreemptionAndTimer, "dynamic preemption", new("PREEMPT_DYNAMIC"),
            y: "the model can be changed at boot with preempt=none|voluntary|full: a cheap experiment, the same kernel with another command line",
            n: "the model is fixed at build time: trying another needs another kernel"),
        new("hz", ConfigArea.PreemptionAndTimer, "timer tick (HZ)", Choice([Hz],
            State("100", "a 10 ms tick: the least timer overhead, but coarser sleeps and time slices", When(Hz, "100")),
            State("250", "a 4 ms tick, the usual server default: time slices and timer-based sleeps are 4 ms grained", When(Hz, "250")),
            State("300", "a 3.3 ms tick: a little finer than the usual 250", When(Hz, "300")),
            State("1000", "a 1 ms tick: finer timer and scheduler granularity for latency-sensitive serving, slightly more interrupt overhead", When(Hz, "1000")),
            State(ConceptState.RawValue, "an unusual tick rate: check what it does to time slices and timer-based sleeps"))),
        new("nohz", ConfigArea.PreemptionAndTimer, "tickless mode (NO_HZ)", Choice([NoHzFull, NoHzIdle, HzPeriodic],
            State("full", "the tick can stop on busy CPUs named in nohz_full=: an isolated core running an inference loop gets no timer interrupts", When(NoHzFull, Y)),
            State("idle", "the tick stops on idle CPUs only: every busy CPU takes a timer interrupt each tick", When(NoHzIdle, Y)),
            State("periodic", "the tick never stops: timer interrupts on every CPU all the time, more jitter and power", When(HzPeriodic, Y)),
            State("unknown", "the config names no tick mode"))),

        // Scheduler.
        Switch("sched-ext", ConfigArea.Scheduler, "sched_ext", new("SCHED_CLASS_EXT"),
            y: "BPF schedulers (sched_ext: scx_lavd, scx_rusty …) can be loaded to favour inference threads without another kernel",
            n: "no sched_ext: trying an scx scheduler needs another kernel"),
        Switch("cpu-isolation", ConfigArea.Scheduler, "CPU isolation", new("CPU_ISOLATION"),
            y: "isolcpus= and nohz_full= can keep housekeeping work off the cores reserved for a latency-critical process",
            n: "no CPU isolation: every core takes housekeeping work"),
        Switch("rcu-boost", ConfigArea.Scheduler, "RCU priority boosting", new("RCU_BOOST"),
            y: "RCU readers preempted by real-time threads are boosted: needed on a preemptible kernel that runs real-time work",
            n: "no RCU priority boosting: normal for a non-real-time kernel"),

        // Memory.
        new("thp-default", ConfigArea.Memory, "THP default", Choice([Thp, ThpAlways, ThpMadvise, ThpNever],
            State("always", "large anonymous mappings get 2 MiB pages unasked: fewer TLB misses on weights and KV cache, at the cost of compaction stalls and memory bloat", When(Thp, Y), When(ThpAlways, Y)),
            State("madvise", "huge pages only where the program asks (MADV_HUGEPAGE): predictable memory use, but a runtime that does not ask gets 4 KiB pages", When(Thp, Y), When(ThpMadvise, Y)),
            State("never", "THP built but off: transparent_hugepage= at boot or /sys/kernel/mm/transparent_hugepage turns it on", When(Thp, Y), When(ThpNever, Y)),
            State("off", "no transparent huge pages: weights and activations sit on 4 KiB pages (more TLB misses); only hugetlbfs gives large pages"))),
        Switch("hugetlbfs", ConfigArea.Memory, "hugetlbfs", new("HUGETLBFS"),
            y: "huge pages can be reserved up front (vm.nr_hugepages, per NUMA node) for a model server or an RDMA stack that maps them",
            n: "no hugetlbfs: explicit huge page pools are not available"),
        Switch("numa", ConfigArea.Memory, "NUMA", new("NUMA"),
            y: "NUMA-aware allocation: memory, CPUs and GPUs of one socket can be kept together (numactl, cpusets)",
            n: "no NUMA: a multi-socket host is one node, so remote memory accesses cannot be avoided"),
        Switch("amd-numa", ConfigArea.Memory, "AMD NUMA detection", new("AMD_NUMA"),
            y: "the AMD northbridge NUMA detection is built in, for AMD hosts whose firmware gives no usable ACPI SRAT",
            n: "no AMD northbridge NUMA detection: the NUMA layout comes from ACPI SRAT alone (fine on most servers, not on all AMD hosts)"),
        new("numa-balancing", ConfigArea.Memory, "NUMA balancing", Choice([NumaBalancing, NumaBalancingDefault],
            State("on", "automatic NUMA balancing moves pages to the CPUs that touch them: helps unpinned training processes, but its scanning faults add jitter to pinned inference (kernel.numa_balancing=0)", When(NumaBalancing, Y), When(NumaBalancingDefault, Y)),
            State("off", "NUMA balancing built but off by default: kernel.numa_balancing=1 turns it on", When(NumaBalancing, Y)),
            State("none", "no automatic NUMA balancing: memory placement is left to pinning (numactl, cpusets)"))),
        new("lru-gen", ConfigArea.Memory, "multi-gen LRU", Choice([LruGen, LruGenEnabled],
            State("on", "the multi-generational LRU is on by default: better reclaim choices between the page cache of model files and anonymous memory, less kswapd CPU", When(LruGen, Y), When(LruGenEnabled, Y)),
            State("off", "MGLRU built but off by default: /sys/kernel/mm/lru_gen/enabled turns it on", When(LruGen, Y)),
            State("none", "the classic active/inactive LRU only"))),
        new("zswap", ConfigArea.Memory, "zswap", Choice([Zswap, ZswapDefaultOn],
            State("on", "pages pushed out under memory pressure are compressed in RAM first: a memory spike costs CPU instead of swap I/O", When(Zswap, Y), When(ZswapDefaultOn, Y)),
            State("off", "zswap built but off by default (zswap.enabled=1): a compressed cache in RAM that can absorb short memory spikes", When(Zswap, Y)),
            State("none", "no zswap: pages under pressure go straight to the swap device, if there is one"))),
        Switch("damon", ConfigArea.Memory, "DAMON", new("DAMON"),
            y: "DAMON access monitoring: proactive reclaim and memory tiering (damon_reclaim, damon_lru_sort) can be used",
            n: "no DAMON: no access-pattern-driven reclaim or tiering"),
        Switch("memcg", ConfigArea.Memory, "memory cgroups", new("MEMCG"),
            y: "memory cgroups: limits and accounting per inference or training process",
            n: "no memory cgroups: containers cannot limit or account memory"),

        // I/O and pressure.
        Switch("io-uring", ConfigArea.IoAndPressure, "io_uring", new("IO_URING"),
            y: "io_uring: asynchronous file and network I/O with few system calls, as fast model loaders use (kernel.io_uring_disabled can still switch it off on 6.6+)",
            n: "no io_uring: loaders fall back to read/pread or libaio"),
        new("psi", ConfigArea.IoAndPressure, "pressure stall info", Choice([Psi, PsiDefaultDisabled],
            State("on", "pressure stall information (/proc/pressure) is on: CPU, memory and I/O stalls of a training job or an inference server can be watched and alerted on", When(Psi, Y), When(PsiDefaultDisabled, N, Absent)),
            State("off", "PSI built but off by default: boot with psi=1 to read /proc/pressure", When(Psi, Y)),
            State("none", "no pressure stall information: stalls are invisible to monitoring"))),

        // Network.
        Switch("busy-poll", ConfigArea.Network, "socket busy polling", new("NET_RX_BUSY_POLL"),
            y: "sockets can busy-poll the NIC (net.core.busy_poll, SO_BUSY_POLL): lower request latency for inference APIs at the cost of a spinning core",
            n: "no busy polling: every request waits for an interrupt"),
        Switch("tcp-bbr", ConfigArea.Network, "TCP BBR", new("TCP_CONG_BBR"),
            y: "BBR congestion control is built in: better throughput for model downloads and gradient traffic over long or lossy paths",
            m: "BBR congestion control as a module (tcp_bbr), for model downloads and gradient traffic over long or lossy paths",
            n: "no BBR: only the other congestion controls (cubic by default)"),

        // Accelerators and DMA.
        new("iommu-default", ConfigArea.Accelerators, "IOMMU default", Choice([IommuStrict, IommuLazy, IommuPassthrough],
            State("passthrough", "devices bypass IOMMU translation by default: the fastest GPU and NIC DMA, no isolation between devices and memory", When(IommuPassthrough, Y)),
            State("lazy", "IOMMU translations are flushed lazily: near-native GPU and NIC DMA throughput with a short isolation window", When(IommuLazy, Y)),
            State("strict", "every unmap is flushed at once: the strongest DMA isolation, a measurable cost for high-rate DMA", When(IommuStrict, Y)),
            State("none", "the config names no IOMMU default domain"))),
        Switch("drm-accel", ConfigArea.Accelerators, "accel subsystem", new("DRM_ACCEL"),
            y: "the compute accelerator subsystem (/dev/accel): in-tree NPU and AI accelerator drivers (Intel NPU, Habana Gaudi, AMD XDNA) can bind",
            n: "no accel subsystem: in-tree AI accelerator drivers (ivpu, habanalabs, amdxdna) cannot be used"),
        Switch("amdgpu", ConfigArea.Accelerators, "amdgpu driver", new("DRM_AMDGPU"),
            y: "the AMD GPU driver is built in: ROCm can use AMD GPUs",
            m: "the AMD GPU driver is a module: ROCm can use AMD GPUs",
            n: "no amdgpu: AMD GPUs cannot be used for compute with this kernel"),
        Switch("hmm", ConfigArea.Accelerators, "HMM mirror", new("HMM_MIRROR"),
            y: "heterogeneous memory management: GPU drivers can mirror process page tables (unified or shared virtual memory: NVIDIA UVM, AMD SVM)",
            n: "no HMM mirroring: shared virtual memory between CPU and GPU is limited"),
        Switch("p2pdma", ConfigArea.Accelerators, "PCI peer-to-peer DMA", new("PCI_P2PDMA"),
            y: "PCI peer-to-peer DMA: NVMe-to-GPU and NIC-to-GPU transfers can skip host memory",
            n: "no in-kernel P2PDMA: device-to-device transfers bounce through host memory unless a vendor driver does its own"),
        Switch("dmabuf-heaps", ConfigArea.Accelerators, "dma-buf heaps", new("DMABUF_HEAPS"),
            y: "dma-buf heaps (/dev/dma_heap): user space can allocate buffers to share between devices",
            n: "no dma-buf heaps"),

        // Hardening and mitigations.
        Switch("cpu-mitigations", ConfigArea.HardeningAndMitigations, "CPU mitigations", new("CPU_MITIGATIONS", ["SPECULATION_MITIGATIONS"]),
            y: "CPU vulnerability mitigations are built (mitigations= at boot chooses): each costs some system-call and context-switch time",
            n: "CPU mitigations compiled out: cheaper kernel entry, but the host is open to speculative-execution attacks"),
        Switch("pti", ConfigArea.HardeningAndMitigations, "page-table isolation", new("MITIGATION_PAGE_TABLE_ISOLATION", ["PAGE_TABLE_ISOLATION"]),
            y: "page-table isolation (Meltdown) is built: on affected Intel CPUs every system call switches page tables",
            n: "no page-table isolation: affected Intel CPUs are open to Meltdown"),
        Switch("retpoline", ConfigArea.HardeningAndMitigations, "retpoline", new("MITIGATION_RETPOLINE", ["RETPOLINE"]),
            y: "retpolines (Spectre v2) are built: indirect calls are slower where the CPU needs them",
            n: "no retpolines: Spectre v2 relies on hardware (eIBRS) alone"),
        Switch("rethunk", ConfigArea.HardeningAndMitigations, "return thunks", new("MITIGATION_RETHUNK", ["RETHUNK"]),
            y: "return thunks (Retbleed, SRSO) are built: function returns cost more on the CPUs that need them",
            n: "no return thunks: Retbleed and SRSO cannot be mitigated in software"),
        Switch("unret-entry", ConfigArea.HardeningAndMitigations, "untrained return", new("MITIGATION_UNRET_ENTRY", ["CPU_UNRET_ENTRY"]),
            y: "the untrained-return mitigation (AMD Retbleed) is built",
            n: "no untrained-return mitigation: AMD Zen 1/2 hosts are open to Retbleed"),
        Switch("ibpb-entry", ConfigArea.HardeningAndMitigations, "IBPB on entry", new("MITIGATION_IBPB_ENTRY", ["CPU_IBPB_ENTRY"]),
            y: "IBPB on kernel entry can be chosen (retbleed=ibpb): strong, but expensive per system call",
            n: "no IBPB-on-entry mitigation"),
        Switch("ibrs-entry", ConfigArea.HardeningAndMitigations, "IBRS on entry", new("MITIGATION_IBRS_ENTRY", ["CPU_IBRS_ENTRY"]),
            y: "IBRS on kernel entry (Intel Skylake-era Retbleed) is built: costly on the CPUs that use it",
            n: "no IBRS-on-entry: Skylake-era Intel hosts are open to Retbleed"),
        Switch("srso", ConfigArea.HardeningAndMitigations, "SRSO", new("MITIGATION_SRSO", ["CPU_SRSO"]),
            y: "the Speculative Return Stack Overflow mitigation (AMD Zen 3/4) is built: a few percent on syscall-heavy work there",
            n: "no SRSO mitigation: AMD Zen 3/4 hosts are open to Inception"),
        Switch("sls", ConfigArea.HardeningAndMitigations, "straight-line speculation", new("MITIGATION_SLS", ["SLS"]),
            y: "straight-line speculation hardening is built: a slightly larger kernel image",
            n: "no straight-line speculation hardening"),
        Switch("call-depth-tracking", ConfigArea.HardeningAndMitigations, "call depth tracking", new("MITIGATION_CALL_DEPTH_TRACKING", ["CALL_DEPTH_TRACKING"]),
            y: "call depth tracking can replace IBRS on Skylake-era Intel CPUs (retbleed=stuff): much cheaper system calls there",
            n: "no call depth tracking: Skylake-era Intel hosts use the costlier IBRS for Retbleed"),
        new("per-vulnerability", ConfigArea.HardeningAndMitigations, "per-bug mitigations", Choice(PerVulnerability,
            State("all", "every per-vulnerability mitigation is built (a switch missing from an older kernel means it was always built)", PerVulnerability.Select(o => When(o, Y, Absent)).ToArray()),
            State("some off", "some CPU vulnerability mitigations are compiled out (see the options): faster on affected CPUs, but open to those attacks"))),
        Switch("ibt", ConfigArea.HardeningAndMitigations, "indirect branch tracking", new("X86_KERNEL_IBT"),
            y: "kernel indirect branch tracking (CET) on CPUs that have it: out-of-tree modules built without IBT (some GPU drivers) may need ibt=off",
            n: "no kernel IBT: indirect calls are not checked by hardware"),
        new("lockdown", ConfigArea.HardeningAndMitigations, "lockdown", Choice([LockdownLsm, LockdownIntegrity, LockdownConfidentiality],
            State("confidentiality", "lockdown is forced to confidentiality: unsigned modules, /dev/mem and kernel memory reads are refused, which limits perf, kprobes and BPF tracing", When(LockdownConfidentiality, Y)),
            State("integrity", "lockdown is forced to integrity: unsigned modules (out-of-tree GPU drivers) and writes to kernel memory are refused", When(LockdownIntegrity, Y)),
            State("available", "the lockdown LSM is built but not forced: it engages with lockdown= or, on some distributions, under Secure Boot", When(LockdownLsm, Y)),
            State("none", "no lockdown LSM"))),
        new("lsm", ConfigArea.HardeningAndMitigations, "LSM list", new ListReader(new ConfigOption("LSM"), new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ipe"] = "Integrity Policy Enforcement: execution can be limited to trusted, signed code",
            ["landlock"] = "unprivileged sandboxing of file and network access",
            ["lockdown"] = "restricts what root may do to the running kernel",
            ["yama"] = "limits ptrace, so debuggers and profilers may need ptrace_scope changed",
            ["loadpin"] = "modules and firmware only from one trusted file system",
            ["safesetid"] = "limits which user ids a process may switch to",
            ["integrity"] = "IMA/EVM file measurement and appraisal",
            ["apparmor"] = "path-based mandatory access control (Ubuntu, Debian)",
            ["selinux"] = "label-based mandatory access control (Red Hat family)",
            ["smack"] = "label-based mandatory access control",
            ["tomoyo"] = "path-based mandatory access control",
            ["bpf"] = "BPF programs can enforce security policies (KRSI)",
        }, "the config has no LSM list (older than 5.1)")),
        Switch("init-on-alloc", ConfigArea.HardeningAndMitigations, "zero on allocation", new("INIT_ON_ALLOC_DEFAULT_ON"),
            y: "every page is zeroed on allocation: costs page-fault throughput when a large model is loaded (init_on_alloc=0 at boot removes it)",
            n: "pages are not zeroed on allocation by default: faster faults when loading models"),
        Switch("init-on-free", ConfigArea.HardeningAndMitigations, "zero on free", new("INIT_ON_FREE_DEFAULT_ON"),
            y: "every page is zeroed when freed: freeing a large model's memory costs CPU time",
            n: "pages are not zeroed when freed by default"),
        Switch("hardened-usercopy", ConfigArea.HardeningAndMitigations, "hardened usercopy", new("HARDENED_USERCOPY"),
            y: "copies between user and kernel memory are bounds-checked: a small cost on socket and file I/O",
            n: "copies to and from user memory are not bounds-checked"),
        Switch("kstack-randomize", ConfigArea.HardeningAndMitigations, "kernel stack offset", new("RANDOMIZE_KSTACK_OFFSET_DEFAULT"),
            y: "the kernel stack offset is randomised on every system call: a few nanoseconds per call",
            n: "no per-call kernel stack randomisation by default"),
        Switch("module-sig-force", ConfigArea.HardeningAndMitigations, "signed modules only", new("MODULE_SIG_FORCE"),
            y: "only signed modules load: out-of-tree GPU drivers (NVIDIA, DKMS builds) must be signed with an enrolled key",
            n: "unsigned modules load (tainting the kernel) unless Secure Boot lockdown refuses them: DKMS-built GPU drivers work unsigned"),

        // Modules and virtualisation.
        new("module-compression", ConfigArea.ModulesAndVirtualisation, "module compression", Choice([ModuleNone, ModuleGzip, ModuleXz, ModuleZstd],
            State("zstd", "modules are .ko.zst: whatever reads them (an initramfs builder, aitune's lab) must decompress them", When(ModuleZstd, Y)),
            State("xz", "modules are .ko.xz: whatever reads them (an initramfs builder, aitune's lab) must decompress them, and xz is the slowest to load", When(ModuleXz, Y)),
            State("gzip", "modules are .ko.gz: whatever reads them (an initramfs builder, aitune's lab) must decompress them", When(ModuleGzip, Y)),
            State("none", "modules are plain .ko files: nothing to decompress when they are loaded or copied into an initramfs"))),
        new("kernel-compression", ConfigArea.ModulesAndVirtualisation, "kernel image compression", Choice([KernelGzip, KernelXz, KernelZstd, KernelLz4, KernelLzo, KernelBzip2, KernelLzma],
            State("zstd", "a zstd-compressed image: fast to decompress at boot", When(KernelZstd, Y)),
            State("lz4", "an lz4-compressed image: the fastest to decompress at boot, the largest", When(KernelLz4, Y)),
            State("xz", "an xz-compressed image: the smallest, the slowest to decompress at boot (seconds under emulation)", When(KernelXz, Y)),
            State("gzip", "a gzip-compressed image", When(KernelGzip, Y)),
            State("lzo", "an lzo-compressed image", When(KernelLzo, Y)),
            State("bzip2", "a bzip2-compressed image: slow to decompress at boot", When(KernelBzip2, Y)),
            State("lzma", "an lzma-compressed image: slow to decompress at boot", When(KernelLzma, Y)),
            State("unknown", "the config names no image compression"))),
        Switch("virtio-pci", ConfigArea.ModulesAndVirtualisation, "virtio-pci", new("VIRTIO_PCI"),
            y: "virtio over PCI is built in: a VM guest (aitune's lab guest too) finds its virtio devices without loading a module",
            m: "virtio-pci is a module: a guest's initramfs must load it before any virtio disk, console or network",
            n: "no virtio-pci: the kernel cannot use virtio devices in a VM"),
        Switch("virtio-blk", ConfigArea.ModulesAndVirtualisation, "virtio-blk", new("VIRTIO_BLK"),
            y: "virtio disks are built in: a guest can boot from one with no initramfs module",
            m: "virtio disks are a module (virtio_blk): a guest's initramfs must load it",
            n: "no virtio disks"),
        Switch("virtio-console", ConfigArea.ModulesAndVirtualisation, "virtio-console", new("VIRTIO_CONSOLE"),
            y: "virtio serial ports are built in: a guest can return results on a port with no module",
            m: "virtio serial ports are a module (virtio_console): a guest must load it to use a results port",
            n: "no virtio serial ports"),
        Switch("virtio-fs", ConfigArea.ModulesAndVirtualisation, "virtiofs", new("VIRTIO_FS"),
            y: "virtiofs is built in: a host directory (model weights) can be shared into a guest through virtiofsd",
            m: "virtiofs is a module: a host directory (model weights) can be shared into a guest through virtiofsd once it is loaded",
            n: "no virtiofs"),
        Switch("9p", ConfigArea.ModulesAndVirtualisation, "9p", new("NET_9P"),
            y: "9p is built in: a host directory can be shared into a guest with -virtfs, no daemon needed",
            m: "9p is a module: a host directory can be shared into a guest with -virtfs once 9p and 9pnet_virtio are loaded",
            n: "no 9p: sharing a host directory with -virtfs fails (mount: no such device); use virtiofs"),
        Switch("nvme", ConfigArea.ModulesAndVirtualisation, "NVMe driver", new("BLK_DEV_NVME"),
            y: "the NVMe driver is built in: an NVMe root or weights disk needs no module in the initramfs",
            m: "NVMe is a module (nvme): fine on a normal boot, but a minimal initramfs must load it",
            n: "no NVMe driver: NVMe drives cannot be used"),
        Switch("vfio-pci", ConfigArea.ModulesAndVirtualisation, "VFIO PCI", new("VFIO_PCI"),
            y: "VFIO is built in: a GPU can be passed through to a VM or driven from user space",
            m: "VFIO is a module (vfio-pci): a GPU can be passed through to a VM or driven from user space",
            n: "no VFIO: GPUs cannot be passed through to VMs"),
    ];

    /// <summary>The switches 6.9 to 6.12 gave each x86 vulnerability (default y); before them each mitigation was
    /// always compiled in.</summary>
    private static readonly ConfigOption[] PerVulnerability =
    [
        new("MITIGATION_GDS"), new("MITIGATION_RFDS"), new("MITIGATION_SPECTRE_BHI"), new("MITIGATION_MDS"), new("MITIGATION_TAA"),
        new("MITIGATION_MMIO_STALE_DATA"), new("MITIGATION_L1TF"), new("MITIGATION_RETBLEED"), new("MITIGATION_SPECTRE_V1"), new("MITIGATION_SPECTRE_V2"),
        new("MITIGATION_SRBDS"), new("MITIGATION_SSB"), new("MITIGATION_ITS"), new("MITIGATION_TSA"), new("MITIGATION_VMSCAPE"),
    ];

    private static readonly ConfigOption Hz = new("HZ");
    private static readonly ConfigOption NoHzFull = new("NO_HZ_FULL");
    private static readonly ConfigOption NoHzIdle = new("NO_HZ_IDLE");
    private static readonly ConfigOption HzPeriodic = new("HZ_PERIODIC");
    private static readonly ConfigOption Thp = new("TRANSPARENT_HUGEPAGE");
    private static readonly ConfigOption ThpAlways = new("TRANSPARENT_HUGEPAGE_ALWAYS");
    private static readonly ConfigOption ThpMadvise = new("TRANSPARENT_HUGEPAGE_MADVISE");
    private static readonly ConfigOption ThpNever = new("TRANSPARENT_HUGEPAGE_NEVER");
    private static readonly ConfigOption NumaBalancing = new("NUMA_BALANCING");
    private static readonly ConfigOption NumaBalancingDefault = new("NUMA_BALANCING_DEFAULT_ENABLED");
    private static readonly ConfigOption LruGen = new("LRU_GEN");
    private static readonly ConfigOption LruGenEnabled = new("LRU_GEN_ENABLED");
    private static readonly ConfigOption Zswap = new("ZSWAP");
    private static readonly ConfigOption ZswapDefaultOn = new("ZSWAP_DEFAULT_ON");
    private static readonly ConfigOption Psi = new("PSI");
    private static readonly ConfigOption PsiDefaultDisabled = new("PSI_DEFAULT_DISABLED");
    private static readonly ConfigOption IommuStrict = new("IOMMU_DEFAULT_DMA_STRICT");
    private static readonly ConfigOption IommuLazy = new("IOMMU_DEFAULT_DMA_LAZY");
    private static readonly ConfigOption IommuPassthrough = new("IOMMU_DEFAULT_PASSTHROUGH");
    private static readonly ConfigOption LockdownLsm = new("SECURITY_LOCKDOWN_LSM");
    private static readonly ConfigOption LockdownIntegrity = new("LOCK_DOWN_KERNEL_FORCE_INTEGRITY");
    private static readonly ConfigOption LockdownConfidentiality = new("LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY");
    private static readonly ConfigOption ModuleNone = new("MODULE_COMPRESS_NONE");
    private static readonly ConfigOption ModuleGzip = new("MODULE_COMPRESS_GZIP");
    private static readonly ConfigOption ModuleXz = new("MODULE_COMPRESS_XZ");
    private static readonly ConfigOption ModuleZstd = new("MODULE_COMPRESS_ZSTD");
    private static readonly ConfigOption KernelGzip = new("KERNEL_GZIP");
    private static readonly ConfigOption KernelXz = new("KERNEL_XZ");
    private static readonly ConfigOption KernelZstd = new("KERNEL_ZSTD");
    private static readonly ConfigOption KernelLz4 = new("KERNEL_LZ4");
    private static readonly ConfigOption KernelLzo = new("KERNEL_LZO");
    private static readonly ConfigOption KernelBzip2 = new("KERNEL_BZIP2");
    private static readonly ConfigOption KernelLzma = new("KERNEL_LZMA");

    /// <summary>An on/off (or module) option: "y", "m" when a sentence for it is given, else "n", which also covers
    /// the option being absent (shown "-").</summary>
    private static ConfigConcept Switch(string id, ConfigArea area, string title, ConfigOption option, string y, string n, string? m = null)
    {
        var states = new List<ConceptState> { State(Y, y, When(option, Y)) };
        if (m is not null)
        {
            states.Add(State(M, m, When(option, M)));
        }

        states.Add(State(N, n));
        return new ConfigConcept(id, area, title, new StateReader([option], states));
    }

    private static StateReader Choice(ConfigOption[] options, params ConceptState[] states) => new(options, states);

    private static ConceptState State(string value, string meaning, params OptionTest[] when) => new(value, meaning, when);

    private static OptionTest When(ConfigOption option, params string[] values) => new(option, values);
}
