using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Snapshots;
using AiTune.Tests.Support;

namespace AiTune.Tests.Snapshots;

/// <summary>The snapshot writer keeps what the inspector reads, filtered by <see cref="SnapshotPolicy"/>; the policy
/// is a second line of defence, so it must admit every path the inspector reads. Run over every fixture (a new
/// one is covered by being there), so a new read the policy forgot fails here, not in a user's audit.</summary>
public class SnapshotPolicyCoverageTests
{
    private static readonly HostSource Tree = new("host tree", false, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), null, null);

    public static TheoryData<string> Fixtures() => new(FixturePaths.AllHosts());

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_policy_admits_every_path_the_inspector_reads(string fixture)
    {
        var read = new SortedSet<string>(StringComparer.Ordinal);
        using var root = new FileSystemHostRoot(FixturePaths.Host(fixture));
        root.Observer = access => read.Add(access.CanonicalPath);
        HostInspector.Inspect(root, Tree);
        root.Observer = null;

        Assert.Contains(read, path => path.EndsWith("/mounts", StringComparison.Ordinal));
        Assert.DoesNotContain(read, path => !SnapshotPolicy.IsAllowed(path));
    }

    [Theory]
    [InlineData("/proc/self/mounts", true)]
    [InlineData("/proc/self/limits", true)]
    [InlineData("/proc/mounts", true)]
    [InlineData("/proc/1/mounts", true)]
    [InlineData("/proc/self/environ", false)]
    [InlineData("/proc/self/cmdline", false)]
    [InlineData("/proc/1/environ", false)]
    public void Mount_tables_and_limits_are_admitted_wherever_a_tree_keeps_them(string path, bool allowed) =>
        Assert.Equal(allowed, SnapshotPolicy.IsAllowed(path));

    [Theory]
    [InlineData("/proc/self/mounts")]
    [InlineData("/proc/mounts")]
    [InlineData("/proc/4242/mounts")]
    public void Every_mount_table_is_cut_to_the_lines_the_inspector_uses(string path)
    {
        var table = "/dev/sda1 /home/alice ext4 rw 0 0\ncgroup2 /sys/fs/cgroup cgroup2 rw 0 0\ntmpfs /dev/shm tmpfs rw,size=1k 0 0\n"u8.ToArray();
        var kept = System.Text.Encoding.UTF8.GetString(SnapshotPolicy.Redact(path, table)!);
        Assert.Equal("cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\ntmpfs /dev/shm tmpfs rw,size=1k 0 0\n", kept);
        Assert.Equal(path, SnapshotPolicy.RedactionEntry(path));
    }
}
