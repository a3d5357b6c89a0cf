using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using AiTune.Hosting;
using AiTune.Inspection;
using AiTune.Inspection.Coexistence;
using AiTune.Snapshots;
using AiTune.Tests.Support;

namespace AiTune.Tests.Snapshots;

public class SnapshotProcessNamesTests
{
    private static readonly HostSource Tree = new("host tree", false, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), null, null);

    [Fact]
    public void Only_the_watched_daemons_names_reach_the_archive_and_the_archive_inspects_the_same()
    {
        using var tree = new TempHostTree()
            .Write("/proc/1/comm", "systemd\n")
            .Write("/proc/4242/comm", "secret-trainer\n")
            .Write("/proc/4243/comm", "payroll-export\n")
            .Write("/proc/4244/limits", "Limit Soft Limit Hard Limit Units\n")
            .Write("/proc/777/comm", "kubelet\n")
            .Write("/proc/812/comm", "tuned\n")
            .Write("/run/tuned/tuned.pid", "812")
            .Write("/etc/tuned/active_profile", "accelerator-performance\n")
            .Write("/etc/tuned/profile_mode", "manual\n")
            .Mkdir("/sys/class/net/cni0");
        var archive = Path.Combine(tree.Directory, "..", Path.GetFileName(tree.Directory) + ".tar.gz");
        try
        {
            CoexistenceFacts onTree;
            using (var root = tree.Root())
            {
                onTree = CoexistenceInspector.Inspect(root);
                var metadata = SnapshotWriter.Capture(root, Tree, [], archive, "test");
                Assert.Contains(SnapshotPolicy.ProcessNames, metadata.Redacted);
            }

            var entries = ReadArchive(archive);
            Assert.Equal("kubelet\n", entries["proc/777/comm"]);
            Assert.Equal("tuned\n", entries["proc/812/comm"]);
            Assert.Equal("812", entries["run/tuned/tuned.pid"]);
            Assert.Equal("accelerator-performance\n", entries["etc/tuned/active_profile"]);
            Assert.DoesNotContain(entries.Keys, name => name.StartsWith("proc/1/", StringComparison.Ordinal) || name == "proc/1"
                || name.StartsWith("proc/424", StringComparison.Ordinal));
            Assert.DoesNotContain(entries.Values, content => content.Contains("secret-trainer", StringComparison.Ordinal)
                || content.Contains("payroll-export", StringComparison.Ordinal) || content.Contains("systemd", StringComparison.Ordinal));

            using var snapshot = ArchiveHostRoot.Load(archive);
            var onSnapshot = CoexistenceInspector.Inspect(snapshot);
            Assert.Equal([new RunningDaemon(777, "kubelet"), new RunningDaemon(812, "tuned")], onSnapshot.Daemons.Value);
            Assert.Equal(onTree.Daemons.Value, onSnapshot.Daemons.Value);
            Assert.Equal(onTree.Tuned.ActiveProfiles.Value, onSnapshot.Tuned.ActiveProfiles.Value);
            Assert.Equal((true, true, false), (onSnapshot.Tuned.Running.Value, onSnapshot.KubeletRunning.Value, onSnapshot.BpftuneRunning.Value));
            Assert.Equal(onTree.ForwardingEvidence.Value, onSnapshot.ForwardingEvidence.Value);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Theory]
    [InlineData("/proc/12/comm", "kubelet\n", true)]
    [InlineData("/proc/12/comm", "containerd", true)]
    [InlineData("/proc/12/comm", "sshd\n", false)]
    [InlineData("/proc/12/comm", "kubelet \n", false)]
    [InlineData("/proc/self/mounts", "cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n/dev/sda1 /home/alice ext4 rw 0 0\n", true)]
    public void Redaction_keeps_or_drops(string path, string content, bool kept)
    {
        var result = SnapshotPolicy.Redact(path, Encoding.UTF8.GetBytes(content));

        Assert.Equal(kept, result is not null);
        Assert.DoesNotContain("alice", result is null ? "" : Encoding.UTF8.GetString(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/proc/12/comm", true)]
    [InlineData("/proc/12/cmdline", false)]
    [InlineData("/proc/12/environ", false)]
    [InlineData("/etc/tuned/active_profile", true)]
    [InlineData("/etc/tuned/profile_mode", true)]
    [InlineData("/etc/tuned/tuned-main.conf", false)]
    [InlineData("/run/tuned/tuned.pid", true)]
    [InlineData("/run/tuned/save.pickle", false)]
    public void The_policy_allows_tuneds_state_and_process_names_only(string path, bool allowed)
    {
        Assert.Equal(allowed, SnapshotPolicy.IsAllowed(path));
    }

    private static Dictionary<string, string> ReadArchive(string path)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries[entry.Name.TrimEnd('/')] = Encoding.UTF8.GetString(content.ToArray());
        }

        return entries;
    }
}
