using AiTune.Facts;
using AiTune.Inspection.Memory;
using AiTune.Knobs;
using AiTune.Profiles;
using AiTune.Units;

namespace AiTune.Audit.Rules;

/// <summary>Memory: huge pages (held, requested, sized, placed), THP, overcommit, swap, NUMA, /dev/shm.</summary>
public static class MemoryRules
{
    private const string HugetlbDoc = "Documentation/admin-guide/mm/hugetlbpage.rst";

    public static IEnumerable<Rule> All =>
    [
        new CheckRule("MEM001", Category.Memory, "The huge page pool holds what the configuration asks for", Severity.High,
            "The kernel grants huge pages only from free, contiguous memory: once memory fragments, a request is partly granted and " +
            "vm.nr_hugepages then reads back the pool the kernel holds, not what was asked. A server that expects the full pool fails " +
            "to map its model or silently falls back to small pages.",
            HugetlbDoc, "all", HugePagesGranted),
        new KnobRule("MEM002", Category.Memory, Knob.HugePages("2048kB"), "2 MiB huge pages are reserved as the profile asks", Severity.Low),
        new KnobRule("MEM016", Category.Memory, Knob.HugePages("1048576kB"), "1 GiB huge pages are reserved as the profile asks", Severity.Low),
        new CheckRule("MEM003", Category.Memory, "Huge pages sit on each accelerator's NUMA node", Severity.Medium,
            "The kernel splits a huge page pool evenly across nodes unless told otherwise. Host buffers that feed a GPU or other accelerator " +
            "are fastest on the device's own node: pages on the far node cross the socket interconnect on every copy.",
            HugetlbDoc + "; NVIDIA and PyTorch NUMA binding guides", "all", HugePagesNearGpu),
        new KnobRule("MEM004", Category.Memory, Knob.Thp("enabled"), "Transparent huge pages match the workload", Severity.Medium),
        new KnobRule("MEM005", Category.Memory, Knob.Thp("defrag"), "THP defragmentation does not stall allocations", Severity.Medium),
        new CheckRule("MEM006", Category.Memory, "vm.overcommit_ratio is only set where it has an effect", Severity.Low,
            "vm.overcommit_ratio (and overcommit_kbytes) only set CommitLimit in strict mode, vm.overcommit_memory=2. In modes 0 and 1 " +
            "the kernel ignores it, so a tuned ratio there changes nothing and hides the real policy.",
            "Documentation/mm/overcommit-accounting.rst", "all", OvercommitRatio),
        new CheckRule("MEM007", Category.Memory, "Overcommit lets frameworks reserve virtual memory", Severity.High,
            "CUDA, ROCm and PyTorch reserve large virtual address ranges they never fully touch. Strict accounting (vm.overcommit_memory=2) " +
            "counts those reservations against CommitLimit, so mmap and cudaHostAlloc fail long before memory is used. Kubernetes' kubelet sets 1.",
            "Documentation/mm/overcommit-accounting.rst; kubelet setupKernelTunables", "all", OvercommitMode),
        new CheckRule("MEM008", Category.Memory, "Model memory is not pushed to disk swap", Severity.Medium,
            "A weight page swapped to disk must be read back before the next token can use it: a stall of milliseconds per page. Swap kept " +
            "for emergencies should be zram (compressed RAM) or paired with a low vm.swappiness.",
            "Documentation/admin-guide/mm/concepts.rst", "inference profiles", SwapForInference),
        new KnobRule("MEM009", Category.Memory, Knob.Sysctl("vm.swappiness"), "Swappiness keeps model memory resident", Severity.Medium),
        new KnobRule("MEM010", Category.Memory, Knob.Sysctl("vm.max_map_count"), "Enough memory mappings for large models", Severity.Low),
        new KnobRule("MEM011", Category.Memory, Knob.Sysctl("vm.zone_reclaim_mode"), "Zone reclaim does not evict page cache on NUMA hosts", Severity.Medium),
        new KnobRule("MEM012", Category.Memory, Knob.Sysctl("kernel.numa_balancing"), "Automatic NUMA balancing does not fight pinned workers", Severity.Medium),
        new CheckRule("MEM013", Category.Memory, "/dev/shm is large enough for shared tensors", Severity.Medium,
            "NCCL, PyTorch DataLoader workers and Triton pass tensors between processes through POSIX shared memory in /dev/shm. Containers " +
            "default to 64 MiB, and NCCL fails with ncclShmOpen errors when it runs out (TGI and Triton use --shm-size 1g and more).",
            "NVIDIA NCCL troubleshooting; TGI and Triton deployment docs", "all", DevShm),
        new CheckRule("MEM014", Category.Memory, "The model fits in memory with headroom", Severity.Critical,
            "Weights that do not fit in RAM are paged in from disk or swap on every pass: throughput collapses and the OOM killer may end the " +
            "server. Keep at least 10% of memory beyond the weights for the KV cache, the runtime and the page cache: judged against what is " +
            "available now (MemAvailable plus free huge pages); a model beyond MemTotal fails, one beyond what other processes leave warns.",
            "Documentation/admin-guide/mm/concepts.rst", "all, with --model or --model-size", ModelFitsMemory),
        new CheckRule("MEM015", Category.Memory, "The model fits in one NUMA node", Severity.Medium,
            "Weights larger than one node spill onto the other: half the accesses of a pinned worker cross the socket interconnect at " +
            "lower bandwidth. Interleave deliberately (numactl --interleave) or shard per node rather than leave it to first touch.",
            "vLLM CPU backend docs; llama.cpp --numa", "inference profiles, with a model, on NUMA hosts", ModelFitsNode),
    ];

    private static Verdict? HugePagesGranted(AuditContext context)
    {
        var memory = context.Facts.Memory;
        const string expected = "the pool holds every requested page";
        if (memory.HugePageRequests.Count == 0)
        {
            return Verdict.NotApplicable("no huge pages are requested (no hugepages= on the command line, no vm.nr_hugepages in the sysctl files)", expected);
        }

        if (!memory.HugePages.TryGet(out var pools))
        {
            return Verdict.Unknown(memory.HugePages.Reason!, expected);
        }

        long defaultSize = memory.DefaultHugePageSizeBytes.GetValueOrDefault(2L << 20);
        var shortfalls = new List<string>();
        var granted = new List<string>();
        long shortSize = 0;
        long shortCount = 0;
        // The sysctl files run after the kernel's own boot-time allocation, so for the same size they decide the pool.
        foreach (var request in memory.HugePageRequests
                     .GroupBy(r => (Size: r.PageSizeBytes ?? defaultSize, r.Node))
                     .Select(g => g.OrderBy(r => r.AtBoot ? 0 : 1).Last()))
        {
            long size = request.PageSizeBytes ?? defaultSize;
            var held = HeldPages(memory, pools, size, request.Node);
            if (!held.TryGet(out var count))
            {
                return Verdict.Unknown(held.Reason!, expected);
            }

            var what = $"{request.Count} × {ByteSize.Format(size)}{(request.Node is { } n ? $" on node {n}" : "")} ({request.Source})";
            if (count < request.Count)
            {
                shortfalls.Add($"asked {what}, the kernel holds {count}");
                shortSize = size;
                shortCount = request.Count;
            }
            else
            {
                granted.Add($"{what}: {count} held");
            }
        }

        if (shortfalls.Count == 0)
        {
            return Verdict.Pass(string.Join("; ", granted), expected);
        }

        var sizeParam = shortSize == 1L << 30 ? "1G" : shortSize == 2L << 20 ? "2M" : $"{shortSize >> 10}K";
        var fix = new Fix(
            $"echo 1 > /proc/sys/vm/compact_memory; echo {shortCount} > /sys/kernel/mm/hugepages/hugepages-{shortSize >> 10}kB/nr_hugepages (then read it back)",
            $"reserve at boot, before memory fragments: add hugepagesz={sizeParam} hugepages={shortCount} to GRUB_CMDLINE_LINUX_DEFAULT in {KnobFixes.GrubFile}, run update-grub and reboot" +
            (shortSize >= 1L << 30 ? " (1 GiB pages can only be had reliably at boot)" : ""));
        return Verdict.Fail(string.Join("; ", shortfalls.Concat(granted)), expected, fix,
            "vm.nr_hugepages reads back what the kernel granted; the request comes from the command line and the sysctl files");
    }

    private static Fact<long> HeldPages(MemoryFacts memory, IReadOnlyList<HugePagePool> pools, long size, int? node)
    {
        if (node is { } id)
        {
            if (!memory.NumaNodes.TryGet(out var nodes))
            {
                return Fact.Unknown<long>(memory.NumaNodes.Reason!);
            }

            var share = nodes.FirstOrDefault(n => n.Id == id)?.HugePages.FirstOrDefault(h => h.PageSizeBytes == size);
            return share?.Total ?? 0;
        }

        var pool = pools.FirstOrDefault(p => p.PageSizeBytes == size);
        return pool is null ? 0 : pool.Total;
    }

    /// <summary>Bytes of huge pages the kernel holds across all sizes; unknown if any pool is.</summary>
    internal static Fact<long> HeldBytes(IReadOnlyList<HugePagePool> pools)
    {
        long total = 0;
        foreach (var pool in pools)
        {
            if (!pool.Total.TryGet(out var count))
            {
                return Fact.Unknown<long>(pool.Total.Reason!);
            }

            total += count * pool.PageSizeBytes;
        }

        return total;
    }

    private static Verdict? HugePagesNearGpu(AuditContext context)
    {
        var facts = context.Facts;
        const string expected = "huge pages reserved on each accelerator's NUMA node";
        if (!facts.Memory.NumaNodes.TryGet(out var nodes) || nodes.Count < 2)
        {
            return Verdict.NotApplicable(nodes is null ? "NUMA layout unknown" : "one NUMA node: every page is local", expected);
        }

        if (context.AcceleratorsUnknown is { } unknownGpus)
        {
            return Verdict.Unknown(unknownGpus, expected);
        }

        var gpus = context.Accelerators.Where(g => g.NumaNode.TryGet(out var n) && n >= 0).ToList();
        if (gpus.Count == 0)
        {
            return Verdict.NotApplicable(context.Accelerators.Count == 0 ? "no accelerator" : "the accelerators' NUMA nodes are not reported", expected);
        }

        if (facts.Memory.HugePages.TryGet(out var pools) && HeldBytes(pools).GetValueOrDefault(0) == 0)
        {
            return Verdict.NotApplicable("no huge pages are reserved", expected);
        }

        var empty = new List<string>();
        var placed = new List<string>();
        foreach (var gpu in gpus)
        {
            var node = nodes.FirstOrDefault(n => n.Id == gpu.NumaNode.Value);
            long pages = node?.HugePages.Sum(h => h.Total.GetValueOrDefault(0) * h.PageSizeBytes) ?? 0;
            (pages == 0 ? empty : placed).Add($"{gpu.Kind} {gpu.PciAddress} on node {gpu.NumaNode.Value}: {ByteSize.Format(pages)}");
        }

        if (empty.Count == 0)
        {
            return Verdict.Pass(string.Join("; ", placed), expected);
        }

        var first = gpus.First(g => empty.Any(e => e.Contains(g.PciAddress, StringComparison.Ordinal)));
        return Verdict.Fail(string.Join("; ", empty.Concat(placed)), expected,
            new Fix($"echo N > /sys/devices/system/node/node{first.NumaNode.Value}/hugepages/hugepages-2048kB/nr_hugepages",
                $"per-node reservation at boot: hugepages={first.NumaNode.Value}:N (kernel 5.18+) in GRUB_CMDLINE_LINUX_DEFAULT, run update-grub"));
    }

    private static Verdict? OvercommitRatio(AuditContext context)
    {
        var memory = context.Facts.Memory;
        const string expected = "left at its default (50) unless vm.overcommit_memory=2";
        if (!memory.OvercommitMemory.TryGet(out var mode) || !memory.OvercommitRatio.TryGet(out var ratio))
        {
            return Verdict.Unknown((memory.OvercommitMemory.Reason ?? memory.OvercommitRatio.Reason)!, expected);
        }

        var current = $"vm.overcommit_memory={mode}, vm.overcommit_ratio={ratio}";
        if (mode == 2)
        {
            return Verdict.Pass(current, expected, "strict mode: CommitLimit = swap + overcommit_ratio% of RAM (excluding huge pages)");
        }

        return ratio == 50
            ? Verdict.Pass(current, expected)
            : Verdict.Warn(current, expected, KnobFixes.Sysctl(context, "vm.overcommit_ratio", "50"),
                $"vm.overcommit_ratio={ratio} has no effect: the kernel reads it only when vm.overcommit_memory=2");
    }

    private static Verdict? OvercommitMode(AuditContext context)
    {
        var mode = context.Facts.Memory.OvercommitMemory;
        const string expected = "0 (heuristic) or 1 (always)";
        if (!mode.TryGet(out var value))
        {
            return Verdict.Unknown(mode.Reason!, expected);
        }

        return value == 2
            ? Verdict.Fail("2 (strict accounting)", expected, KnobFixes.Sysctl(context, "vm.overcommit_memory", "0"))
            : Verdict.Pass(value == 1 ? "1 (always)" : "0 (heuristic)", expected);
    }

    private static Verdict? SwapForInference(AuditContext context)
    {
        if (!context.Profile.IsInference)
        {
            return null;
        }

        var memory = context.Facts.Memory;
        const string expected = "no disk swap, or zram, or vm.swappiness <= 10";
        if (!memory.Swap.TryGet(out var areas))
        {
            return Verdict.Unknown(memory.Swap.Reason!, expected);
        }

        var disk = areas.Where(a => !a.IsZram).ToList();
        if (disk.Count == 0)
        {
            return Verdict.Pass(areas.Count == 0 ? "no swap" : "zram only", expected);
        }

        var current = string.Join(", ", disk.Select(a => $"{a.Name} ({ByteSize.Format(a.SizeBytes)})"));
        return memory.Swappiness.TryGet(out var swappiness) && swappiness <= 10
            ? Verdict.Pass($"{current}, vm.swappiness={swappiness}", expected)
            : Verdict.Warn($"{current}, vm.swappiness={memory.Swappiness}", expected, KnobFixes.Sysctl(context, "vm.swappiness", "10"),
                "a model server should never wait on disk swap; keep it only as a safety net");
    }

    private static Verdict? DevShm(AuditContext context)
    {
        var shm = context.Facts.Memory.DevShmSizeBytes;
        const long minimum = 1L << 30;
        var expected = $">= {ByteSize.Format(minimum)}";
        if (!shm.TryGet(out var size))
        {
            return shm.Reason!.Kind == UnknownKind.Absent
                ? Verdict.Warn("no tmpfs at /dev/shm", expected, new Fix("mount -t tmpfs -o size=16g tmpfs /dev/shm", "add to /etc/fstab: tmpfs /dev/shm tmpfs defaults,size=16g 0 0"))
                : Verdict.Unknown(shm.Reason!, expected);
        }

        return size >= minimum
            ? Verdict.Pass(ByteSize.Format(size), expected)
            : Verdict.Fail(ByteSize.Format(size), expected,
                new Fix("mount -o remount,size=16g /dev/shm", "host: size= in the /dev/shm line of /etc/fstab; containers: docker run --shm-size=16g (Kubernetes: an emptyDir with medium: Memory)"));
    }

    /// <summary>Judged against what is available to a new process (MemAvailable: free memory plus what reclaim can give
    /// back, without the huge page pool), plus the free huge pages the model could be loaded into. More memory than
    /// MemTotal fails; more than is available now warns, because other processes hold the rest.</summary>
    private static Verdict? ModelFitsMemory(AuditContext context)
    {
        if (context.Model is not { } model)
        {
            return Verdict.NotApplicable("no model given (--model FILE or --model-size BYTES)");
        }

        var memory = context.Facts.Memory;
        long needed = model.TensorBytes + model.TensorBytes / 10;
        var expected = $"available memory >= {ByteSize.Format(needed)} (the model + 10%)";
        if (!memory.TotalBytes.TryGet(out var total))
        {
            return Verdict.Unknown(memory.TotalBytes.Reason!, expected);
        }

        if (total < needed)
        {
            return Verdict.Fail($"MemTotal {ByteSize.Format(total)}, model {ByteSize.Format(model.TensorBytes)}", expected,
                new Fix(null, "add memory, use a smaller quantization, or offload layers to the GPU"),
                "the model alone would take " + (total == 0 ? "all" : $"{100.0 * model.TensorBytes / total:0}%") + " of memory");
        }

        if (!memory.AvailableBytes.TryGet(out var available))
        {
            return Verdict.Unknown(memory.AvailableBytes.Reason!, expected);
        }

        long freeHugePages = memory.HugePages.GetValueOrDefault([]).Sum(p => p.Free.GetValueOrDefault(0) * p.PageSizeBytes);
        var current = $"MemAvailable {ByteSize.Format(available)}" + (freeHugePages > 0 ? $" + {ByteSize.Format(freeHugePages)} of free huge pages" : "") +
            $" of MemTotal {ByteSize.Format(total)}, model {ByteSize.Format(model.TensorBytes)}";
        return available + freeHugePages >= needed
            ? Verdict.Pass(current, expected)
            : Verdict.Warn(current, expected,
                new Fix("find what holds the memory (ps -eo rss,comm --sort=-rss | head; the huge page pools) and stop it before loading the model",
                    "give the model server this host's memory to itself, or use a smaller quantization"),
                $"the host has the memory, but {ByteSize.Format(total - available - freeHugePages)} of it is in use; " +
                "a server already running this model counts as in use");
    }

    private static Verdict? ModelFitsNode(AuditContext context)
    {
        if (!context.Profile.IsInference || context.Model is not { } model)
        {
            return null;
        }

        const string expected = "the model fits in the memory of one NUMA node";
        if (!context.Facts.Memory.NumaNodes.TryGet(out var nodes) || nodes.Count < 2)
        {
            return Verdict.NotApplicable("one NUMA node", expected);
        }

        var largest = nodes.Select(n => n.TotalBytes.GetValueOrDefault(0)).Max();
        var current = $"largest node {ByteSize.Format(largest)}, model {ByteSize.Format(model.TensorBytes)}";
        return model.TensorBytes <= largest
            ? Verdict.Pass(current, expected)
            : Verdict.Warn(current, expected, new Fix("numactl --interleave=all <server>", "shard the model per NUMA node, or interleave it deliberately"));
    }
}
