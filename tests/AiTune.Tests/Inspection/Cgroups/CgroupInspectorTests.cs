using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Inspection.Cgroups;
using AiTune.Inspection.Mounts;
using AiTune.Tests.Support;

namespace AiTune.Tests.Inspection.Cgroups;

public class CgroupInspectorTests
{
    private const string Pressure = "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";

    /// <summary>The cgroup lines of each fixture's /proc/self/mounts (the file itself belongs to the memory part).</summary>
    private const string XeonMounts =
        "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0\n";

    private const string EpycMounts =
        "tmpfs /sys/fs/cgroup tmpfs ro,nosuid,nodev,noexec,size=4096k,nr_inodes=1024,mode=755 0 0\n" +
        "cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0\n" +
        "cgroup /sys/fs/cgroup/memory cgroup rw,nosuid,nodev,noexec,relatime,memory 0 0\n" +
        "cgroup /sys/fs/cgroup/cpuset cgroup rw,nosuid,nodev,noexec,relatime,cpuset 0 0\n" +
        "cgroup /sys/fs/cgroup/blkio cgroup rw,nosuid,nodev,noexec,relatime,blkio 0 0\n" +
        "cgroup /sys/fs/cgroup/pids cgroup rw,nosuid,nodev,noexec,relatime,pids 0 0\n" +
        "cgroup /sys/fs/cgroup/devices cgroup rw,nosuid,nodev,noexec,relatime,devices 0 0\n" +
        "cgroup /sys/fs/cgroup/freezer cgroup rw,nosuid,nodev,noexec,relatime,freezer 0 0\n" +
        "cgroup /sys/fs/cgroup/hugetlb cgroup rw,nosuid,nodev,noexec,relatime,hugetlb 0 0\n";

    private static Fact<IReadOnlyList<Mount>> Mounts(string text) => Fact.Known(MountTable.Parse(text));

    private static CgroupFacts InspectFixture(string host, string mounts)
    {
        using var root = new FileSystemHostRoot(FixturePaths.Host(host));
        return CgroupInspector.Inspect(root, Mounts(mounts));
    }

    [Fact]
    public void Xeon_is_v2_with_psi()
    {
        var facts = InspectFixture("xeon-2numa-nvidia", XeonMounts);
        Assert.Equal(CgroupVersion.V2, facts.Version.Value);
        var mount = Assert.Single(facts.Mounts);
        Assert.Equal("/sys/fs/cgroup", mount.Path);
        Assert.Equal("cgroup2", mount.FsType);
        Assert.Empty(mount.Controllers);
        Assert.Null(mount.Name);
        Assert.Equal(["cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma", "misc"], facts.V2Controllers.Value);
        Assert.Equal(["cpuset", "cpu", "io", "memory", "pids"], facts.V2SubtreeControl.Value);
        Assert.True(facts.PsiAvailable.Value);
        Assert.Equal(new PressureLine(0.12, 0.08, 0.05, 48213377), facts.CpuPressure.Value.Some);
        Assert.Equal(new PressureLine(0, 0, 0, 0), facts.CpuPressure.Value.Full.Value);
        Assert.Equal(new PressureLine(0, 0, 0, 1410872), facts.MemoryPressure.Value.Full.Value);
        Assert.Equal(new PressureLine(0.31, 0.22, 0.14, 92812245), facts.IoPressure.Value.Some);
    }

    [Fact]
    public void Epyc_is_v1_only_without_psi()
    {
        var facts = InspectFixture("epyc-amdgpu-rt-cgv1", EpycMounts);
        Assert.Equal(CgroupVersion.V1, facts.Version.Value);
        Assert.Equal(["/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/memory", "/sys/fs/cgroup/cpuset", "/sys/fs/cgroup/blkio", "/sys/fs/cgroup/pids",
            "/sys/fs/cgroup/devices", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup/hugetlb"], facts.Mounts.Select(m => m.Path));
        Assert.Equal(["cpu", "cpuacct"], facts.Mounts[0].Controllers);
        Assert.Equal(["hugetlb"], facts.Mounts[7].Controllers);
        Assert.All(facts.Mounts, m => Assert.Equal("cgroup", m.FsType));
        Assert.Equal(UnknownKind.Absent, facts.V2Controllers.Reason!.Kind);
        Assert.Equal(UnknownKind.Absent, facts.V2SubtreeControl.Reason!.Kind);
        Assert.False(facts.PsiAvailable.Value);
        Assert.Equal(UnknownKind.Absent, facts.CpuPressure.Reason!.Kind);
    }

    [Fact]
    public void Kvm_is_v2_with_psi()
    {
        var facts = InspectFixture("kvm-hardened", XeonMounts);
        Assert.Equal(CgroupVersion.V2, facts.Version.Value);
        Assert.Equal(["cpuset", "cpu", "io", "memory", "pids"], facts.V2Controllers.Value);
        Assert.Equal(["cpuset", "cpu", "io", "memory", "pids"], facts.V2SubtreeControl.Value);
        Assert.True(facts.PsiAvailable.Value);
        Assert.Equal(new PressureLine(0.05, 0.11, 0.04, 5123004), facts.IoPressure.Value.Some);
    }

    [Fact]
    public void Systemd_hybrid_keeps_the_named_hierarchy_out_of_the_controllers_and_reads_the_unified_root()
    {
        using var tree = new TempHostTree();
        tree.Write("/sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n").Write("/sys/fs/cgroup/unified/cgroup.subtree_control", "\n");
        using var root = tree.Root();

        var facts = CgroupInspector.Inspect(root, Mounts(File.ReadAllText(FixturePaths.File("files/cgroups/mounts-hybrid"))));

        Assert.Equal(CgroupVersion.Hybrid, facts.Version.Value);
        Assert.Equal(10, facts.Mounts.Count);
        var systemd = facts.Mounts.Single(m => m.Path == "/sys/fs/cgroup/systemd");
        Assert.Empty(systemd.Controllers);
        Assert.Equal("systemd", systemd.Name);
        Assert.Equal(["cpu"], facts.Mounts[0].Controllers);
        Assert.Equal(new[] { "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids" },
            facts.Mounts.SelectMany(m => m.Controllers));
        Assert.Equal("/sys/fs/cgroup/unified", facts.Mounts[^1].Path);
        Assert.Equal(["hugetlb"], facts.V2Controllers.Value);
        Assert.Empty(facts.V2SubtreeControl.Value);
        Assert.False(facts.PsiAvailable.Value); // the tree has no /proc/pressure
    }

    [Fact]
    public void No_cgroup_mount_is_an_absent_version()
    {
        using var tree = new TempHostTree();
        using var root = tree.Mkdir("/proc").Root();
        var facts = CgroupInspector.Inspect(root, Mounts("proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"));
        Assert.Equal(UnknownKind.Absent, facts.Version.Reason!.Kind);
        Assert.Empty(facts.Mounts);
        Assert.Equal(UnknownKind.Absent, facts.V2Controllers.Reason!.Kind);
    }

    [Fact]
    public void An_unknown_mount_table_makes_the_layout_unknown_with_its_reason_but_psi_is_still_read()
    {
        using var tree = new TempHostTree();
        tree.Write("/proc/pressure/cpu", Pressure).Write("/proc/pressure/memory", Pressure).Write("/proc/pressure/io", Pressure);
        using var root = tree.Root();
        var reason = new UnknownReason(UnknownKind.NotCaptured, "the snapshot has no /proc/self/mounts");

        var facts = CgroupInspector.Inspect(root, Fact.Unknown<IReadOnlyList<Mount>>(reason));

        Assert.Equal(reason, facts.Version.Reason);
        Assert.Equal(reason, facts.V2Controllers.Reason);
        Assert.Empty(facts.Mounts);
        Assert.True(facts.PsiAvailable.Value);
    }

    [Fact]
    public void Pressure_files_failing_with_eopnotsupp_mean_psi_is_off()
    {
        var files = new Dictionary<string, string> { ["/proc/pressure/cpu"] = "", ["/proc/pressure/memory"] = "", ["/proc/pressure/io"] = "" };
        using var root = new FailingReadHostRoot(files,
            new UnknownReason(UnknownKind.Unreadable, "cannot read /proc/pressure/cpu: Operation not supported : '/proc/pressure/cpu'"));

        var facts = CgroupInspector.Inspect(root, Mounts(XeonMounts));

        Assert.False(facts.PsiAvailable.Value);
        Assert.Equal(UnknownKind.Unreadable, facts.CpuPressure.Reason!.Kind);
    }

    [Fact]
    public void Pressure_files_denied_leave_psi_unknown()
    {
        var files = new Dictionary<string, string> { ["/proc/pressure/cpu"] = "", ["/proc/pressure/memory"] = "", ["/proc/pressure/io"] = "" };
        using var root = new FailingReadHostRoot(files, new UnknownReason(UnknownKind.PermissionDenied, "permission denied reading /proc/pressure/cpu (needs root)"));

        var facts = CgroupInspector.Inspect(root, Mounts(XeonMounts));

        Assert.Equal(UnknownKind.PermissionDenied, facts.PsiAvailable.Reason!.Kind);
    }

    [Fact]
    public void Malformed_pressure_content_still_means_psi_is_there()
    {
        using var tree = new TempHostTree();
        tree.Write("/proc/pressure/cpu", "garbage\n").Write("/proc/pressure/memory", Pressure).Write("/proc/pressure/io", Pressure);
        using var root = tree.Root();

        var facts = CgroupInspector.Inspect(root, Mounts(XeonMounts));

        Assert.True(facts.PsiAvailable.Value);
        Assert.Equal(UnknownKind.Malformed, facts.CpuPressure.Reason!.Kind);
        Assert.True(facts.MemoryPressure.IsKnown);
    }

    [Fact]
    public void Live_host_cgroups_agree_with_its_mount_table()
    {
        using var root = new FileSystemHostRoot("/");
        var mounts = MountTable.Read(root);
        var facts = CgroupInspector.Inspect(root, mounts);

        var table = mounts.Value;
        bool v1 = table.Any(m => m.FsType == "cgroup");
        bool v2 = table.Any(m => m.FsType == "cgroup2");
        Assert.Equal(v1 && v2 ? CgroupVersion.Hybrid : v1 ? CgroupVersion.V1 : CgroupVersion.V2, facts.Version.Value);
        Assert.Equal(table.Count(m => m.FsType is "cgroup" or "cgroup2"), facts.Mounts.Count);
        Assert.All(facts.Mounts.Where(m => m.FsType == "cgroup"), m => Assert.True(m.Controllers.Count > 0 || m.Name is not null));
        if (v2)
        {
            Assert.True(facts.V2Controllers.IsKnown);
        }

        Assert.Equal(Directory.Exists("/proc/pressure"), facts.PsiAvailable.Value);
    }
}
