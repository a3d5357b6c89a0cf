using System.Diagnostics;
using System.Text;
using AiTune.Facts;
using AiTune.Tests.Support;
using AiTune.Tuning.Writing;
using CsCheck;

namespace AiTune.Tests.Tuning.Writing;

/// <summary>The write door on scratch host trees, through openat2 and through the walk that stands in for it on
/// kernels before 5.6: both must refuse the same hostile trees.</summary>
public class KernelFilesTests : IDisposable
{
    private const string Swappiness = "/proc/sys/vm/swappiness";

    private readonly TempHostTree tree = new();
    private readonly string outside = Directory.CreateTempSubdirectory("aitune-outside-").FullName;

    public void Dispose()
    {
        tree.Dispose();
        Directory.Delete(outside, recursive: true);
    }

    private KernelFiles Files(bool openat2) => new(tree.Directory, openat2);

    private string Content(string hostPath) => File.ReadAllText(tree.Physical(hostPath));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_write_replaces_the_content_with_the_value_and_a_newline(bool openat2)
    {
        tree.Write(Swappiness, "1234567890\n");

        var outcome = Files(openat2).Write(Swappiness, "10");

        Assert.Equal(WriteOutcome.Written, outcome);
        Assert.Equal("10\n", Content(Swappiness));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_read_is_trimmed_with_whitespace_runs_collapsed(bool openat2)
    {
        tree.Write("/sys/kernel/mm/transparent_hugepage/enabled", "  always  [madvise]\tnever \n");

        Assert.Equal("always [madvise] never", Files(openat2).Read("/sys/kernel/mm/transparent_hugepage/enabled"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_link_inside_the_root_is_followed_and_its_real_path_checked(bool openat2)
    {
        const string device = "/sys/devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1";
        tree.Write(device + "/queue/scheduler", "[none] mq-deadline\n")
            .Link("/sys/block/nvme0n1", "../devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1");
        var files = Files(openat2);

        Assert.Equal(Writability.Writable, files.CheckWritable("/sys/block/nvme0n1/queue/scheduler"));
        Assert.Equal(WriteOutcome.Written, files.Write("/sys/block/nvme0n1/queue/scheduler", "mq-deadline"));
        Assert.Equal("mq-deadline\n", Content(device + "/queue/scheduler"));
        Assert.Equal("mq-deadline", files.Read("/sys/block/nvme0n1/queue/scheduler"));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void A_link_pointing_out_of_the_root_is_not_followed(bool openat2, bool absolute)
    {
        File.WriteAllText(Path.Combine(outside, "swappiness"), "60\n");
        tree.Mkdir("/proc/sys").Link("/proc/sys/vm", absolute ? outside : "../../../../../../../../../../../.." + outside);
        var files = Files(openat2);

        var outcome = files.Write(Swappiness, "1");

        Assert.False(outcome.IsWritten);
        Assert.Equal("ENOENT", outcome.ErrorName);
        Assert.Equal(Writability.Missing, files.CheckWritable(Swappiness));
        Assert.Equal(UnknownKind.Absent, files.Read(Swappiness).Reason!.Kind);
        Assert.Equal("60\n", File.ReadAllText(Path.Combine(outside, "swappiness")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_link_to_a_file_outside_the_allow_list_is_refused_after_resolution(bool openat2)
    {
        tree.Write("/etc/swappiness", "secret\n").Mkdir("/proc/sys").Link("/proc/sys/vm", "/etc");
        var files = Files(openat2);

        var error = Assert.Throws<AiTuneException>(() => files.Write(Swappiness, "1"));

        Assert.Contains("resolves to /etc/swappiness, which is not a knob file", error.Message);
        Assert.Throws<AiTuneException>(() => files.CheckWritable(Swappiness));
        Assert.Equal(UnknownKind.Unreadable, files.Read(Swappiness).Reason!.Kind);
        Assert.Equal("secret\n", Content("/etc/swappiness"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_link_as_the_final_component_is_not_followed(bool openat2)
    {
        tree.Write("/proc/sys/vm/dirty_ratio", "20\n").Link(Swappiness, "/proc/sys/vm/dirty_ratio");

        var error = Assert.Throws<AiTuneException>(() => Files(openat2).Write(Swappiness, "1"));

        Assert.Contains("is a symbolic link, not a regular file", error.Message);
        Assert.Equal("20\n", Content("/proc/sys/vm/dirty_ratio"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_loop_of_links_is_an_error_not_a_hang(bool openat2)
    {
        tree.Mkdir("/proc/sys").Link("/proc/sys/vm", "vm2").Link("/proc/sys/vm2", "vm");

        var outcome = Files(openat2).Write(Swappiness, "1");

        Assert.Equal("ELOOP", outcome.ErrorName);
    }

    [Theory]
    [InlineData("/proc/sys/vm/../../../etc/passwd")]
    [InlineData("/proc/sys/vm/./swappiness")]
    [InlineData("/proc/sys//vm/swappiness")]
    [InlineData("proc/sys/vm/swappiness")]
    [InlineData("/proc/sys/vm/swappiness/")]
    [InlineData("")]
    public void A_path_that_is_not_normalized_is_refused(string path)
    {
        tree.Write(Swappiness, "60\n").Write("/etc/passwd", "root:x:0:0\n");
        var files = Files(openat2: true);

        Assert.Throws<AiTuneException>(() => files.Write(path, "1"));
        Assert.Throws<AiTuneException>(() => files.CheckWritable(path));
        Assert.Equal(UnknownKind.Malformed, files.Read(path).Reason!.Kind);
        Assert.Equal("60\n", Content(Swappiness));
        Assert.Equal("root:x:0:0\n", Content("/etc/passwd"));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/proc/self/fd/0")]
    [InlineData("/sys/kernel/debug/sched/features")]
    public void A_path_off_the_allow_list_is_refused_even_when_it_exists(string path)
    {
        tree.Write(path, "original\n");
        var files = Files(openat2: true);

        var error = Assert.Throws<AiTuneException>(() => files.Write(path, "1"));

        Assert.Contains("not a knob file aitune may write", error.Message);
        Assert.Equal(UnknownKind.Unreadable, files.Read(path).Reason!.Kind);
        Assert.Equal("original\n", Content(path));
    }

    [Theory]
    [InlineData("10\n20")]
    [InlineData("10\n")]
    [InlineData("10\r")]
    [InlineData("a\tb")]
    [InlineData("1\0")]
    [InlineData("\u001b[31m")]
    [InlineData("x\u0085")]
    public void A_value_with_a_control_character_is_refused(string value)
    {
        tree.Write(Swappiness, "60\n");

        var error = Assert.Throws<AiTuneException>(() => Files(openat2: true).Write(Swappiness, value));

        Assert.Contains("control character", error.Message);
        Assert.Equal("60\n", Content(Swappiness));
    }

    [Fact]
    public void A_value_must_fit_one_page_with_its_newline()
    {
        tree.Write(Swappiness, "60\n");
        var files = Files(openat2: true);

        var error = Assert.Throws<AiTuneException>(() => files.Write(Swappiness, new string('7', KernelFiles.MaxValueBytes + 1)));
        Assert.Contains("over 4095", error.Message);
        Assert.Throws<AiTuneException>(() => files.Write(Swappiness, new string('é', 2048)));
        Assert.Equal("60\n", Content(Swappiness));

        Assert.Equal(WriteOutcome.Written, files.Write(Swappiness, new string('7', KernelFiles.MaxValueBytes)));
        Assert.Equal(4096, new FileInfo(tree.Physical(Swappiness)).Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_missing_file_is_reported_and_never_created(bool openat2)
    {
        tree.Mkdir("/proc/sys/vm");
        var files = Files(openat2);

        Assert.Equal(Writability.Missing, files.CheckWritable(Swappiness));
        var outcome = files.Write(Swappiness, "10");
        Assert.False(outcome.IsWritten);
        Assert.Equal("ENOENT", outcome.ErrorName);
        Assert.Equal("/proc/sys/vm/swappiness does not exist (ENOENT)", outcome.Message);
        Assert.Equal(UnknownKind.Absent, files.Read(Swappiness).Reason!.Kind);
        Assert.False(File.Exists(tree.Physical(Swappiness)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_fifo_at_a_knob_path_is_refused_without_blocking(bool openat2)
    {
        tree.Mkdir("/proc/sys/vm");
        MakeFifo(tree.Physical(Swappiness));
        var files = Files(openat2);

        // If the FIFO were opened for writing, the open would wait for a reader forever: run it aside so that a
        // regression fails this test instead of hanging the run.
        var error = await Task.Run(() => Assert.Throws<AiTuneException>(() => files.Write(Swappiness, "1")))
            .WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Contains("a FIFO, socket or device, not a regular file", error.Message);
        Assert.Throws<AiTuneException>(() => files.CheckWritable(Swappiness));
        Assert.Equal(UnknownKind.Unreadable, files.Read(Swappiness).Reason!.Kind);
    }

    [Fact]
    public void A_directory_at_a_knob_path_is_refused()
    {
        tree.Mkdir(Swappiness);

        var error = Assert.Throws<AiTuneException>(() => Files(openat2: true).Write(Swappiness, "1"));

        Assert.Contains("is a directory, not a regular file", error.Message);
    }

    [Fact]
    public void A_root_that_does_not_exist_is_an_error_with_a_hint()
    {
        var files = new KernelFiles(Path.Combine(outside, "nowhere"));

        var error = Assert.Throws<AiTuneException>(() => files.Write(Swappiness, "1"));

        Assert.Contains("cannot open the root directory", error.Message);
        Assert.Contains("--root", error.Hint);
    }

    [Fact]
    public void Any_printable_value_is_written_exactly_as_one_line()
    {
        tree.Write(Swappiness, "60\n");
        var files = Files(openat2: true);

        Gen.String.Sample(value =>
        {
            byte[] before = File.ReadAllBytes(tree.Physical(Swappiness));
            if (value.Any(char.IsControl) || Encoding.UTF8.GetByteCount(value) > KernelFiles.MaxValueBytes)
            {
                Assert.Throws<AiTuneException>(() => files.Write(Swappiness, value));
                Assert.Equal(before, File.ReadAllBytes(tree.Physical(Swappiness)));
            }
            else
            {
                Assert.Equal(WriteOutcome.Written, files.Write(Swappiness, value));
                Assert.Equal(Encoding.UTF8.GetBytes(value + "\n"), File.ReadAllBytes(tree.Physical(Swappiness)));
            }
        }, threads: 1); // one file: samples on several threads would overwrite each other's value
    }

    internal static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
