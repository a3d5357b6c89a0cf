using AiTune.Audit;
using AiTune.Inspection;
using AiTune.Profiles;
using AiTune.Tests.Support;

namespace AiTune.Tests.Audit;

/// <summary>Judgements that were wrong on real servers: each on the fixture (or a tree) that showed it.</summary>
public class RealServerRuleTests
{
    private static Finding Find(string fixture, string profile, string id, ModelRequirement? model = null) =>
        AuditFixtureTests.Find(fixture, profile, id, model);

    /// <summary>The finding <paramref name="id"/> of a tree written for one test.</summary>
    private static (Finding Finding, HostFacts Facts) FindIn(TempHostTree tree, string profile, string id)
    {
        using var root = tree.Root();
        var facts = HostInspector.Inspect(root, new HostSource("t", false, null, null, null));
        return (AuditEngine.Evaluate(facts, ProfileCatalog.BuiltIn.Select(profile), null).Single(f => f.Id == id), facts);
    }

    [Fact]
    public void Hugetlb_on_the_cgroup2_mount_of_a_hybrid_host_counts_as_available()
    {
        // this-vm: v1 hierarchies for cpu, cpuset, memory, blkio …; hugetlb only on the cgroup2 mount.
        var controllers = Find("this-vm", "inference-throughput", "CGR002");

        Assert.Equal(FindingStatus.Pass, controllers.Status);
        Assert.Contains("hugetlb", controllers.Current);
        Assert.Contains("io", controllers.Current);
    }

    [Fact]
    public void A_missing_controller_is_explained_by_the_build_or_the_command_line()
    {
        using var tree = new TempHostTree()
            .Write("proc/self/mounts", "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0\n")
            .Write("sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n")
            .Write("proc/cmdline", "root=/dev/sda1 cgroup_disable=hugetlb\n")
            .Write("boot/config-6.8.0", "CONFIG_CGROUPS=y\nCONFIG_CGROUP_HUGETLB=y\nCONFIG_CPUSETS=y\nCONFIG_MEMCG=y\nCONFIG_BLK_CGROUP=y\nCONFIG_CGROUP_SCHED=y\n")
            .Write("proc/sys/kernel/osrelease", "6.8.0\n");

        var (finding, _) = FindIn(tree, "inference-throughput", "CGR002");

        Assert.Equal(FindingStatus.Warn, finding.Status);
        Assert.Equal("missing: hugetlb (cgroup_disable= on the command line)", finding.Note);
        Assert.StartsWith("remove cgroup_disable=hugetlb from the kernel command line", finding.Fix!.Persistent);
        Assert.DoesNotContain("a kernel built with", finding.Fix.Persistent);
    }

    [Fact]
    public void Lockdown_is_unknown_not_failed_where_securityfs_is_not_mounted()
    {
        // this-vm has neither /sys/kernel/security/lockdown nor /sys/kernel/security/lsm: securityfs is not mounted.
        var lockdown = Find("this-vm", "hardened", "SEC018");

        Assert.Equal(FindingStatus.Unknown, lockdown.Status);
        Assert.Contains("securityfs is not mounted", lockdown.Note);
        Assert.Null(lockdown.Fix);
    }

    [Fact]
    public void Lockdown_fails_where_the_lsm_list_is_readable_and_lacks_it()
    {
        using var tree = new TempHostTree()
            .Write("sys/kernel/security/lsm", "capability,yama,apparmor")
            .Write("proc/sys/kernel/osrelease", "6.8.0\n");

        var (finding, _) = FindIn(tree, "hardened", "SEC018");

        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal("not active (active LSMs: capability,yama,apparmor)", finding.Current);
        Assert.Contains("lsm=lockdown,capability,yama,apparmor lockdown=integrity", finding.Fix!.Persistent);
    }

    [Fact]
    public void A_guest_is_not_told_to_install_microcode()
    {
        var vulnerabilities = Find("this-vm", "inference-throughput", "SEC020");

        Assert.Equal(FindingStatus.Fail, vulnerabilities.Status);
        Assert.StartsWith("a virtual machine: microcode is loaded by the host", vulnerabilities.Note);
        Assert.DoesNotContain("microcode package", vulnerabilities.Fix!.Runtime);
        Assert.Contains("hypervisor's operator", vulnerabilities.Fix.Runtime);
    }

    [Fact]
    public void Bare_metal_is_still_told_to_update_microcode()
    {
        using var tree = new TempHostTree()
            .Write("proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse2\n\n")
            .Write("sys/devices/system/cpu/vulnerabilities/mds", "Vulnerable: Clear CPU buffers attempted, no microcode; SMT vulnerable\n");

        var (finding, facts) = FindIn(tree, "inference-throughput", "SEC020");

        Assert.False(facts.Virtualization.IsVirtualMachine.Value);
        Assert.Equal("update the CPU microcode package and the kernel", finding.Fix!.Runtime);
    }

    [Fact]
    public void A_model_is_judged_against_available_memory_not_only_memtotal()
    {
        // xeon-2numa-nvidia: MemTotal 503.5 GiB, MemAvailable 464.3 GiB, 8192 × 2 MiB + 16 × 1 GiB huge pages free.
        var fits = Find("xeon-2numa-nvidia", "inference-throughput", "MEM014", new ModelRequirement("m", 400L << 30));
        var tight = Find("xeon-2numa-nvidia", "inference-throughput", "MEM014", new ModelRequirement("m", 455L << 30));
        var never = Find("xeon-2numa-nvidia", "inference-throughput", "MEM014", new ModelRequirement("m", 480L << 30));

        Assert.Equal(FindingStatus.Pass, fits.Status);
        Assert.StartsWith("MemAvailable 464.3 GiB + 32 GiB of free huge pages of MemTotal 503.5 GiB", fits.Current);
        Assert.Equal(FindingStatus.Warn, tight.Status);
        Assert.Contains("of it is in use", tight.Note);
        Assert.Equal(FindingStatus.Fail, never.Status);
        Assert.StartsWith("MemTotal 503.5 GiB", never.Current);
    }

    [Fact]
    public void A_user_profile_that_asks_for_1_gib_pages_is_judged_by_mem016_against_the_pool()
    {
        // No built-in profile asks for 1 GiB pages (they need the command line); a user profile may. xeon holds 16.
        var catalog = ProfileCatalog.BuiltIn.WithUserProfiles([("gig.toml", "name = \"gig\"\n[hugepages]\n\"1048576kB\" = \">=16\"\n"),
            ("more.toml", "name = \"more\"\n[hugepages]\n\"1048576kB\" = \">=32\"\n")]);
        var facts = AuditFixtureTests.Facts("xeon-2numa-nvidia");

        var held = AuditEngine.Evaluate(facts, catalog.Select("gig"), null).Single(f => f.Id == "MEM016");
        var short_ = AuditEngine.Evaluate(facts, catalog.Select("more"), null).Single(f => f.Id == "MEM016");

        Assert.Equal(FindingStatus.Pass, held.Status);
        Assert.Equal("16", held.Current);
        Assert.NotEqual(FindingStatus.Pass, short_.Status);
        Assert.Contains("hugepagesz=1G hugepages=32", short_.Fix!.Persistent);
    }
}
