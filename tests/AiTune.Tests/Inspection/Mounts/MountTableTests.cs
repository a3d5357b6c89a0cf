using AiTune.Hosting;
using AiTune.Inspection.Mounts;
using AiTune.Tests.Support;
using CsCheck;

namespace AiTune.Tests.Inspection.Mounts;

public class MountTableTests
{
    [Fact]
    public void Parses_the_real_mount_table_of_this_vm()
    {
        var mounts = MountTable.Parse(File.ReadAllText(FixturePaths.File("files/mounts/mounts-6.18-firecracker")));
        Assert.Equal(20, mounts.Count);
        Assert.Equal(("proc", "/proc", "proc"), (mounts[0].Source, mounts[0].MountPoint, mounts[0].FsType));
        Assert.Equal(["rw", "relatime"], mounts[0].Options);
        var shm = mounts.Last(m => m.MountPoint == "/dev/shm");
        Assert.Equal(("tmpfs", "24684084k"), (shm.FsType, shm.Option("size")));
        Assert.Equal(9, mounts.Count(m => m.FsType == "cgroup"));
        Assert.Equal("", mounts.Single(m => m.MountPoint == "/sys/fs/cgroup/memory").Option("memory"));
        Assert.Null(shm.Option("mode"));
    }

    [Theory]
    [InlineData("/proc/self/mounts")]
    [InlineData("/proc/mounts")]
    [InlineData("/proc/1/mounts")]
    public void A_tree_with_the_table_in_any_of_the_three_places_gives_it(string path)
    {
        using var tree = new TempHostTree().Write(path, "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0\ntmpfs /dev/shm tmpfs rw,size=1024k 0 0\n");
        using var root = tree.Root();
        var mounts = MountTable.Read(root).Value;
        Assert.Equal(["/sys/fs/cgroup", "/dev/shm"], mounts.Select(m => m.MountPoint));
    }

    [Fact]
    public void The_process_own_table_wins_over_the_others()
    {
        using var tree = new TempHostTree()
            .Write("/proc/self/mounts", "tmpfs /dev/shm tmpfs rw,size=1k 0 0\n")
            .Write("/proc/mounts", "tmpfs /dev/shm tmpfs rw,size=2k 0 0\n")
            .Write("/proc/1/mounts", "tmpfs /dev/shm tmpfs rw,size=3k 0 0\n");
        using var root = tree.Root();
        Assert.Equal("1k", MountTable.Read(root).Value.Single().Option("size"));
    }

    [Fact]
    public void Without_any_table_the_reason_names_all_three_paths()
    {
        using var tree = new TempHostTree().Write("/proc/meminfo", "MemTotal: 1 kB\n");
        using var root = tree.Root();
        var mounts = MountTable.Read(root);
        Assert.Equal(AiTune.Facts.UnknownKind.Absent, mounts.Reason!.Kind);
        Assert.Equal("no mount table: /proc/self/mounts, /proc/mounts and /proc/1/mounts do not exist", mounts.Reason.Detail);
    }

    [Fact]
    public void Octal_escapes_are_decoded_in_every_field()
    {
        var mounts = MountTable.Parse("/dev/sdb1 /mnt/model\\040weights ext4 rw,relatime 0 0\nback\\134slash /a\\011tab\\012nl xfs rw 0 0\n");
        Assert.Equal("/mnt/model weights", mounts[0].MountPoint);
        Assert.Equal(("back\\slash", "/a\ttab\nnl"), (mounts[1].Source, mounts[1].MountPoint));
    }

    [Theory]
    [InlineData("/x\\04 ext4", "/x\\04")]
    [InlineData("/x\\0400", "/x 0")]
    [InlineData("/x\\999", "/x\\999")]
    [InlineData("/x\\", "/x\\")]
    public void A_backslash_without_three_octal_digits_is_kept(string field, string expected) =>
        Assert.Equal(expected, MountTable.Unescape(field.Split(' ')[0]));

    [Fact]
    public void Lines_without_six_fields_are_skipped()
    {
        var mounts = MountTable.Parse("proc /proc proc rw 0 0\ntruncated /x ext4\n\n\u0000garbage\nsysfs /sys sysfs rw 0 0");
        Assert.Equal(["/proc", "/sys"], mounts.Select(m => m.MountPoint));
    }

    [Fact]
    public void Every_fixture_mount_table_parses_completely()
    {
        foreach (var host in new[] { "xeon-2numa-nvidia", "epyc-amdgpu-rt-cgv1", "kvm-hardened" })
        {
            using var root = new FileSystemHostRoot(FixturePaths.Host(host));
            var text = root.ReadText(MountTable.Path).Value;
            Assert.Equal(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, MountTable.Read(root).Value.Count);
        }
    }

    [Fact]
    public void The_fixture_cgroup_mounts_match_each_host_cgroup_version()
    {
        using var xeon = new FileSystemHostRoot(FixturePaths.Host("xeon-2numa-nvidia"));
        Assert.Equal(["/sys/fs/cgroup"], MountTable.Read(xeon).Value.Where(m => m.FsType is "cgroup" or "cgroup2").Select(m => m.MountPoint));
        Assert.Equal("/srv/model store", MountTable.Read(xeon).Value.Single(m => m.FsType == "xfs").MountPoint);

        using var epyc = new FileSystemHostRoot(FixturePaths.Host("epyc-amdgpu-rt-cgv1"));
        var v1 = MountTable.Read(epyc).Value.Where(m => m.FsType is "cgroup" or "cgroup2").ToList();
        Assert.All(v1, m => Assert.Equal("cgroup", m.FsType));
        Assert.Equal(["cpu,cpuacct", "memory", "cpuset", "blkio", "pids", "devices", "freezer", "hugetlb"], v1.Select(m => m.MountPoint["/sys/fs/cgroup/".Length..]));

        using var kvm = new FileSystemHostRoot(FixturePaths.Host("kvm-hardened"));
        Assert.Equal("cgroup2", MountTable.Read(kvm).Value.Single(m => m.MountPoint == "/sys/fs/cgroup").FsType);
    }

    [Fact]
    public void Hostile_tables_never_throw()
    {
        Gen.String.Sample(text => MountTable.Parse(text));
        Gen.Byte.Array.Sample(bytes => MountTable.Parse(System.Text.Encoding.UTF8.GetString(bytes)));
    }
}
