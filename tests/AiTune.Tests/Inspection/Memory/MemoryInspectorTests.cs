using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Kernel;
using AiTune.Inspection.Memory;
using AiTune.Inspection.Mounts;
using AiTune.Inspection.Sysctl;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Memory;

public class MemoryInspectorTests
{
    private const long KiB = 1024;
    private const long TwoMiB = 2097152;
    private const long OneGiB = 1073741824;

    private static MemoryFacts InspectFixture(string host, string cmdline)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        var sysctls = SysctlInspector.Inspect(root, MemoryInspector.SysctlKeys);
        return MemoryInspector.Inspect(root, sysctls, KernelCommandLine.Parse(cmdline), MountTable.Read(root));
    }

    [Fact]
    public void Xeon_two_nodes_with_both_pools_and_requests_from_command_line_and_sysctl()
    {
        var memory = InspectFixture("xeon-2numa-nvidia",
            "BOOT_IMAGE=/vmlinuz-6.8.0-51-generic root=UUID=6c1f... ro intel_iommu=on iommu=pt hugepagesz=1G hugepages=16 quiet splash");

        Assert.Equal(527961632 * KiB, memory.TotalBytes.Value);
        Assert.Equal(486905388 * KiB, memory.AvailableBytes.Value);
        var nodes = memory.NumaNodes.Value;
        Assert.Equal([0, 1], nodes.Select(n => n.Id));
        Assert.Equal(("0-3,8-11", 263811428 * KiB), (nodes[0].CpuList.Value, nodes[0].TotalBytes.Value));
        Assert.Equal(("4-7,12-15", 264150204 * KiB), (nodes[1].CpuList.Value, nodes[1].TotalBytes.Value));
        Assert.Equal(nodes[0].TotalBytes.Value + nodes[1].TotalBytes.Value, memory.TotalBytes.Value);
        Assert.All(nodes, n => Assert.Equal(
            [new NodeHugePages(TwoMiB, 4096, 4096, 0), new NodeHugePages(OneGiB, 8, 8, 0)], n.HugePages));
        Assert.Equal([new HugePagePool(TwoMiB, 8192, 8192, 0, 0, 0), new HugePagePool(OneGiB, 16, 16, 0, 0, 0)], memory.HugePages.Value);
        Assert.Equal(TwoMiB, memory.DefaultHugePageSizeBytes.Value);
        Assert.Equal(
            [
                new HugePageRequest(OneGiB, 16, null, "kernel command line", true),
                new HugePageRequest(null, 12288, null, "/etc/sysctl.d/80-hugepages.conf:3", false),
            ],
            memory.HugePageRequests);
        var thp = memory.Thp.Value;
        Assert.Equal(("madvise", "madvise", 1L, "never"), (thp.Enabled.Value, thp.Defrag.Value, thp.KhugepagedDefrag.Value, thp.ShmemEnabled.Value));
        Assert.Equal(["always", "madvise", "never"], thp.EnabledOptions);
        Assert.Equal(["always", "defer", "defer+madvise", "madvise", "never"], thp.DefragOptions);
        Assert.Equal((0L, 50L, 60L, 65530L, 112640L, 0L, 1L),
            (memory.OvercommitMemory.Value, memory.OvercommitRatio.Value, memory.Swappiness.Value, memory.MaxMapCount.Value,
             memory.MinFreeKbytes.Value, memory.ZoneReclaimMode.Value, memory.NumaBalancing.Value));
        Assert.Equal(new DirtySettings(20, 10, 0, 0, 3000, 500), memory.Dirty.Value);
        Assert.Empty(memory.Swap.Value);
        Assert.False(memory.Zswap.Value);
        Assert.Equal(new ResourceLimit(8388608, 8388608), memory.MemlockLimit.Value);
        Assert.Equal(
            [
                new LimitsEntry("@inference", "-", "memlock", null, "/etc/security/limits.conf", 32),
                new LimitsEntry("triton", "soft", "memlock", 67108864, "/etc/security/limits.d/95-triton.conf", 2),
                new LimitsEntry("triton", "hard", "memlock", 67108864, "/etc/security/limits.d/95-triton.conf", 3),
            ],
            memory.MemlockConfigured);
        // No size= option on /dev/shm: the kernel default, half of RAM.
        Assert.Equal(527961632 * KiB / 2, memory.DevShmSizeBytes.Value);
        Assert.Equal(1243136 * KiB, memory.AnonHugePagesBytes.Value);
    }

    [Fact]
    public void Epyc_without_thp_has_swap_on_a_partition_and_unlimited_memlock()
    {
        var memory = InspectFixture("epyc-amdgpu-rt-cgv1", "BOOT_IMAGE=/boot/vmlinuz-6.1.0-28-rt-amd64 root=/dev/sda2 ro quiet");

        Assert.Equal(131839276 * KiB, memory.TotalBytes.Value);
        var node = Assert.Single(memory.NumaNodes.Value);
        Assert.Equal((0, "0-7", 131839276 * KiB), (node.Id, node.CpuList.Value, node.TotalBytes.Value));
        Assert.Equal([new HugePagePool(TwoMiB, 0, 0, 0, 0, 0), new HugePagePool(OneGiB, 0, 0, 0, 0, 0)], memory.HugePages.Value);
        Assert.Empty(memory.HugePageRequests);
        Assert.Equal(UnknownKind.Absent, memory.Thp.Reason?.Kind);
        Assert.Equal(UnknownKind.Absent, memory.AnonHugePagesBytes.Reason?.Kind);
        Assert.Equal((1L, 60L, 0L), (memory.OvercommitMemory.Value, memory.Swappiness.Value, memory.NumaBalancing.Value));
        Assert.Equal([new SwapArea("/dev/sdb2", "partition", 33554428 * KiB, 0, -2, false)], memory.Swap.Value);
        Assert.False(memory.Zswap.Value);
        Assert.Equal(new ResourceLimit(null, null), memory.MemlockLimit.Value);
        Assert.Equal(
            [
                new LimitsEntry("*", "soft", "memlock", null, "/etc/security/limits.conf", 32),
                new LimitsEntry("*", "hard", "memlock", null, "/etc/security/limits.conf", 33),
                new LimitsEntry("@audio", "-", "memlock", null, "/etc/security/limits.d/audio.conf", 10),
            ],
            memory.MemlockConfigured);
        Assert.Equal(131839276 * KiB / 2, memory.DevShmSizeBytes.Value);
    }

    [Fact]
    public void Kvm_has_zram_swap_an_explicit_dev_shm_size_and_no_huge_pages()
    {
        var memory = InspectFixture("kvm-hardened",
            "BOOT_IMAGE=/vmlinuz-linux-hardened root=/dev/vda2 rw lockdown=confidentiality init_on_free=1 slab_nomerge mitigations=auto,nosmt");

        Assert.Equal(16370580 * KiB, memory.TotalBytes.Value);
        Assert.Equal("0-3", Assert.Single(memory.NumaNodes.Value).CpuList.Value);
        Assert.All(memory.HugePages.Value, p => Assert.Equal(0, p.Total.Value));
        Assert.Empty(memory.HugePageRequests);
        Assert.Equal("madvise", memory.Thp.Value.Enabled.Value);
        Assert.Equal([new SwapArea("/dev/zram0", "partition", 8388604 * KiB, 0, 100, true)], memory.Swap.Value);
        Assert.False(memory.Zswap.Value);
        Assert.Equal((180L, 1048576L, 67584L), (memory.Swappiness.Value, memory.MaxMapCount.Value, memory.MinFreeKbytes.Value));
        Assert.Equal(new ResourceLimit(8388608, 8388608), memory.MemlockLimit.Value);
        Assert.Empty(memory.MemlockConfigured);
        Assert.Equal(4194304 * KiB, memory.DevShmSizeBytes.Value);
        Assert.Equal(34816 * KiB, memory.AnonHugePagesBytes.Value);
    }

    [Fact]
    public void An_empty_tree_gives_unknowns_with_reasons_not_defaults()
    {
        using var tree = new TempHostTree();
        using var root = tree.Root();
        var memory = MemoryInspector.Inspect(root, SysctlInspector.Inspect(root, MemoryInspector.SysctlKeys),
            Fact.Unknown<KernelCommandLine>(UnknownKind.Absent, "no cmdline"), MountTable.Read(root));

        Assert.Equal(UnknownKind.Absent, memory.TotalBytes.Reason?.Kind);
        Assert.Equal(UnknownKind.Absent, memory.NumaNodes.Reason?.Kind);
        Assert.Equal(UnknownKind.Absent, memory.HugePages.Reason?.Kind);
        Assert.Equal(UnknownKind.Absent, memory.Thp.Reason?.Kind);
        Assert.Equal(UnknownKind.Absent, memory.Dirty.Reason?.Kind);
        Assert.Equal(UnknownKind.Absent, memory.Swap.Reason?.Kind);
        Assert.Equal(UnknownKind.Absent, memory.Zswap.Reason?.Kind);
        Assert.Equal(UnknownKind.Absent, memory.MemlockLimit.Reason?.Kind);
        Assert.Equal(UnknownKind.Absent, memory.DevShmSizeBytes.Reason?.Kind);
        Assert.Empty(memory.HugePageRequests);
        Assert.Empty(memory.MemlockConfigured);
    }

    [Fact]
    public void One_malformed_thp_file_leaves_the_others_known()
    {
        using var tree = new TempHostTree()
            .Write("/sys/kernel/mm/transparent_hugepage/enabled", "always madvise never\n")
            .Write("/sys/kernel/mm/transparent_hugepage/defrag", "[always] defer\n")
            .Write("/sys/kernel/mm/transparent_hugepage/khugepaged/defrag", "yes\n");
        using var root = tree.Root();
        var thp = MemoryInspector.ReadThp(root).Value;

        Assert.Equal(UnknownKind.Malformed, thp.Enabled.Reason?.Kind);
        Assert.Equal(["always", "madvise", "never"], thp.EnabledOptions);
        Assert.Equal("always", thp.Defrag.Value);
        Assert.Equal(UnknownKind.Malformed, thp.KhugepagedDefrag.Reason?.Kind);
        Assert.Equal(UnknownKind.Absent, thp.ShmemEnabled.Reason?.Kind);
    }

    [Fact]
    public void Live_host_memory_is_consistent()
    {
        using var root = new FileSystemHostRoot("/");
        var memory = MemoryInspector.Inspect(root, SysctlInspector.Inspect(root, MemoryInspector.SysctlKeys),
            root.ReadText("/proc/cmdline").Map(KernelCommandLine.Parse), MountTable.Read(root));

        Assert.True(memory.TotalBytes.Value > 0);
        Assert.InRange(memory.AvailableBytes.Value, 0, memory.TotalBytes.Value);
        Assert.True(memory.Swappiness.Value >= 0);
        Assert.True(memory.Dirty.IsKnown);
        Assert.True(memory.Swap.IsKnown);
        Assert.True(memory.MemlockLimit.IsKnown);
        if (memory.HugePages.TryGet(out var pools))
        {
            Assert.NotEmpty(pools);
            Assert.Contains(pools, p => p.PageSizeBytes == memory.DefaultHugePageSizeBytes.Value);
            Assert.All(pools, p => Assert.InRange(p.Free.Value, 0, p.Total.Value + p.Surplus.Value));
        }

        if (memory.NumaNodes.TryGet(out var nodes))
        {
            Assert.NotEmpty(nodes);
            Assert.All(nodes, n => Assert.InRange(n.TotalBytes.Value, 0, memory.TotalBytes.Value + 1L));
        }
    }
}
