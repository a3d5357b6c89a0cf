using System.Diagnostics;
using System.Runtime.Versioning;
using AiTune.Facts;
using AiTune.Tests.Support;
using AiTune.Tuning.Writing;

namespace AiTune.Tests.Tuning.Writing;

/// <summary>The write door on this machine's kernel. Tests that change a setting or mount something run only with
/// AITUNE_LIVE_WRITE_TESTS=1 as root (CI runs in a disposable VM) and restore what they changed; otherwise they check
/// what can be checked without changing anything.</summary>
[SupportedOSPlatform("linux")]
public class KernelFilesLiveTests
{
    private const string Swappiness = "/proc/sys/vm/swappiness";

    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Reads_of_the_live_host_match_the_kernel_files()
    {
        var files = new KernelFiles("/");

        Assert.Equal(Normalized(File.ReadAllText(Swappiness)), files.Read(Swappiness).Value);
        Assert.Equal(Normalized(File.ReadAllText("/proc/sys/kernel/osrelease")), files.Read("/proc/sys/kernel/osrelease").Value);
    }

    [Fact]
    public void Both_resolutions_follow_the_sys_block_link_into_sys_devices()
    {
        var device = Directory.EnumerateFileSystemEntries("/sys/block")
            .Select(Path.GetFileName)
            .FirstOrDefault(name => File.Exists($"/sys/block/{name}/queue/read_ahead_kb"));
        string path = device is null ? "/sys/block/aitune-no-such-device/queue/read_ahead_kb" : $"/sys/block/{device}/queue/read_ahead_kb";

        var viaOpenat2 = new KernelFiles("/", useOpenat2: true).Read(path);
        var viaWalk = new KernelFiles("/", useOpenat2: false).Read(path);

        Assert.Equal(viaOpenat2, viaWalk);
        if (device is null)
        {
            Assert.Equal(UnknownKind.Absent, viaOpenat2.Reason!.Kind);
        }
        else
        {
            Assert.Equal(File.ReadAllText(path).Trim(), viaOpenat2.Value);
        }
    }

    [Fact]
    public void A_sysctl_the_kernel_marks_read_only_is_not_writable_even_for_root()
    {
        // osrelease is 0444: sysctl_perm refuses MAY_WRITE to root too, so the open probe answers without writing.
        Assert.Equal(Writability.PermissionDenied, new KernelFiles("/").CheckWritable("/proc/sys/kernel/osrelease"));
    }

    [Fact]
    public void Swappiness_is_written_read_back_and_restored()
    {
        var files = new KernelFiles("/");
        string original = files.Read(Swappiness).Value;
        if (!LiveWrites.Allowed)
        {
            var writability = files.CheckWritable(Swappiness);
            Assert.True(DurableFiles.IsRoot ? writability is Writability.Writable or Writability.ReadOnlyFileSystem : writability == Writability.PermissionDenied,
                $"{writability} as euid {(DurableFiles.IsRoot ? 0 : "non-zero")}");
            Assert.Equal(original, files.Read(Swappiness).Value);
            return;
        }

        string other = original == "61" ? "62" : "61";
        try
        {
            Assert.Equal(WriteOutcome.Written, files.Write(Swappiness, other));
            Assert.Equal(other, files.Read(Swappiness).Value);
            Assert.Equal(other, File.ReadAllText(Swappiness).Trim());
        }
        finally
        {
            files.Write(Swappiness, original);
        }

        Assert.Equal(original, files.Read(Swappiness).Value);
        Assert.Equal(original, File.ReadAllText(Swappiness).Trim());
    }

    [Fact]
    public void The_kernel_refuses_an_invalid_value_with_einval()
    {
        if (!LiveWrites.Allowed)
        {
            // A plain file takes anything: the writer itself does not judge values, the kernel does.
            using var tree = new TempHostTree().Write(Swappiness, "60\n");
            Assert.Equal(WriteOutcome.Written, new KernelFiles(tree.Directory).Write(Swappiness, "abc"));
            Assert.Equal("abc\n", File.ReadAllText(tree.Physical(Swappiness)));
            return;
        }

        var files = new KernelFiles("/");
        string original = files.Read(Swappiness).Value;

        var outcome = files.Write(Swappiness, "abc");

        Assert.False(outcome.IsWritten);
        Assert.Equal("EINVAL", outcome.ErrorName);
        Assert.True(outcome.ValueRefused);
        Assert.Contains("writing 'abc' to /proc/sys/vm/swappiness", outcome.Message);
        Assert.Equal(original, files.Read(Swappiness).Value);
    }

    [Fact]
    public void A_read_only_mount_is_reported_before_any_write()
    {
        using var tree = new TempHostTree().Write(Swappiness, "60\n");
        var files = new KernelFiles(tree.Directory);
        if (!LiveWrites.Allowed)
        {
            File.SetUnixFileMode(tree.Physical(Swappiness), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            // Mode bits of a regular file stop everyone but root (CAP_DAC_OVERRIDE); only the kernel's own files stop root.
            Assert.Equal(DurableFiles.IsRoot ? Writability.Writable : Writability.PermissionDenied, files.CheckWritable(Swappiness));
            Assert.Equal("60\n", File.ReadAllText(tree.Physical(Swappiness)));
            return;
        }

        Run("mount", "--bind", tree.Directory, tree.Directory);
        try
        {
            Run("mount", "-o", "remount,bind,ro", tree.Directory);

            Assert.Equal(Writability.ReadOnlyFileSystem, files.CheckWritable(Swappiness));
            var outcome = files.Write(Swappiness, "10");
            Assert.Equal("EROFS", outcome.ErrorName);
            Assert.Equal("60\n", File.ReadAllText(tree.Physical(Swappiness)));
        }
        finally
        {
            TestMounts.Detach(tree.Directory);
        }

        Assert.Equal(Writability.Writable, files.CheckWritable(Swappiness));
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {error}");
    }
}
