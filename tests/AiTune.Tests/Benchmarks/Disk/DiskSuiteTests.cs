using System.Diagnostics;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Disk;
using AiTune.Benchmarks.Statistics;
using AiTune.Interop;
using AiTune.Tests.Support;

namespace AiTune.Tests.Benchmarks.Disk;

public sealed class DiskSuiteTests
{
    private static readonly RunSettings Tiny = new(0, new RepetitionSettings(0.5, 3, 3), TimeSpan.FromSeconds(1), true);

    [Fact]
    public void The_suite_has_one_case_named_by_block_size_and_queue_depth()
    {
        var cases = DiskSuite.Suite.CreateCases(new SuiteOptions { Quick = true });
        var readCase = Assert.IsType<SequentialReadCase>(Assert.Single(cases));
        readCase.Dispose();

        Assert.Equal("disk/read-1MiB-qd32", readCase.FullName);
        Assert.Equal(1L << 20, readCase.BlockBytes);
        Assert.Equal(32, readCase.QueueDepth);
        var metric = Assert.Single(readCase.Metrics);
        Assert.Equal(new MetricDefinition("throughput", "GB/s", MetricDirection.HigherIsBetter), metric);
        Assert.Contains(DiskSuite.Suite, BenchmarkSuites.All);
        Assert.Contains("10^9 bytes", DiskSuite.Suite.Method, StringComparison.Ordinal);
        Assert.Contains("not io_uring", DiskSuite.Suite.Method, StringComparison.Ordinal);
        Assert.Equal("disk/read-4MiB-qd8", DiskSuite.Suite.CreateCases(new SuiteOptions { BlockSizeBytes = 4L << 20, QueueDepth = 8 })[0].FullName);
    }

    [Fact]
    public void A_temporary_file_is_read_with_o_direct_and_never_has_a_name_after_preparation()
    {
        string scratch = CreateScratch("/var/tmp");
        try
        {
            var readCase = new SequentialReadCase(new SuiteOptions { ScratchDirectory = scratch, QueueDepth = 4 }, 16L << 20, 8L << 20);
            int entriesAfterPreparation = -1;
            var result = new BenchmarkRunner(Tiny).Run(readCase, p =>
            {
                if (p.Samples == 0 && !p.Done)
                {
                    entriesAfterPreparation = Directory.GetFileSystemEntries(scratch).Length;
                }
            }, CancellationToken.None);

            Assert.True(result.Outcome is CaseOutcome.TargetMet or CaseOutcome.MaximumReached, $"{result.Outcome}: {result.Reason}");
            var samples = Assert.Single(result.Metrics).Samples;
            Assert.Equal(3, samples.Count);
            Assert.All(samples, s => Assert.True(double.IsFinite(s) && s > 0, $"{s}"));
            Assert.Equal(0, entriesAfterPreparation);
            Assert.Empty(Directory.GetFileSystemEntries(scratch));
            Assert.Contains(result.Notes, n => n.StartsWith("reading a temporary 16 MiB file in " + scratch + ", 8 MiB per repetition, with 4 threads calling pread(2)", StringComparison.Ordinal));
            // /var/tmp is on a disk here (ext4): O_DIRECT is taken, no fallback is noted.
            Assert.DoesNotContain(result.Notes, n => n.Contains("not supported", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void Ctrl_c_while_the_file_is_written_or_read_leaves_nothing_behind()
    {
        string scratch = CreateScratch("/var/tmp");
        try
        {
            // Cancelled during preparation: the file is being filled.
            using var early = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
            var interrupted = new BenchmarkRunner(Tiny).Run(new SequentialReadCase(new SuiteOptions { ScratchDirectory = scratch }, 1L << 30, 1L << 30), null, early.Token);
            Assert.Equal(CaseOutcome.Interrupted, interrupted.Outcome);
            Assert.Empty(Directory.GetFileSystemEntries(scratch));

            // Cancelled once prepared, before and during the first repetition.
            using var late = new CancellationTokenSource();
            var readCase = new SequentialReadCase(new SuiteOptions { ScratchDirectory = scratch, QueueDepth = 2, BlockSizeBytes = 4096 }, 64L << 20, 64L << 20);
            var result = new BenchmarkRunner(Tiny).Run(readCase, p =>
            {
                if (p.Samples == 0 && !p.Done)
                {
                    late.CancelAfter(TimeSpan.FromMilliseconds(5));
                }
            }, late.Token);
            Assert.Equal(CaseOutcome.Interrupted, result.Outcome);
            Assert.Empty(Directory.GetFileSystemEntries(scratch));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void Memory_file_systems_are_said_to_measure_memory_or_to_fall_back_to_buffered_reads()
    {
        // tmpfs accepts O_DIRECT since Linux 6.6 ("tmpfs: trivial support for direct IO"); earlier kernels refuse it.
        string scratch = CreateScratch("/dev/shm");
        try
        {
            bool tmpfsTakesDirect = AcceptsDirect(scratch);
            var result = new BenchmarkRunner(Tiny).Run(new SequentialReadCase(new SuiteOptions { ScratchDirectory = scratch, QueueDepth = 2 }, 4L << 20, 4L << 20), null, CancellationToken.None);

            Assert.True(result.Outcome is CaseOutcome.TargetMet or CaseOutcome.MaximumReached, $"{result.Outcome}: {result.Reason}");
            Assert.All(result.Metrics[0].Samples, s => Assert.True(double.IsFinite(s) && s > 0, $"{s}"));
            Assert.Contains(tmpfsTakesDirect
                ? $"{scratch} is on tmpfs: the file is in memory, so this measures memory copies, not a disk"
                : $"O_DIRECT not supported on tmpfs at {scratch}; measured buffered reads after dropping the file's pages (posix_fadvise DONTNEED before each pass)", result.Notes);
            Assert.Empty(Directory.GetFileSystemEntries(scratch));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void A_file_system_without_o_direct_is_read_buffered_and_noted()
    {
        // sysfs refuses O_DIRECT (EINVAL) on every kernel: the fallback is taken and said, before anything is read.
        using (var sysfsCase = new SequentialReadCase(new SuiteOptions { DiskPath = "/sys/kernel/uevent_seqnum", BlockSizeBytes = 4096, QueueDepth = 1 }, 4096, 4096))
        {
            sysfsCase.Prepare(CancellationToken.None);
            Assert.False(sysfsCase.Direct);
            Assert.Contains("O_DIRECT not supported on sysfs at /sys/kernel; measured buffered reads after dropping the file's pages (posix_fadvise DONTNEED before each pass)", sysfsCase.Notes);
        }

        if (!LiveWrites.Allowed)
        {
            return;
        }

        // ramfs refuses O_DIRECT too and holds real files: a whole buffered run. Mounting changes this machine, so
        // only where live writes are allowed; unmounted whatever happens.
        string mountPoint = CreateScratch("/var/tmp");
        Run("mount", "-t", "ramfs", "-o", "mode=0700", "aitune-test", mountPoint);
        try
        {
            var result = new BenchmarkRunner(Tiny).Run(new SequentialReadCase(new SuiteOptions { ScratchDirectory = mountPoint, QueueDepth = 2 }, 4L << 20, 4L << 20), null, CancellationToken.None);

            Assert.True(result.Outcome is CaseOutcome.TargetMet or CaseOutcome.MaximumReached, $"{result.Outcome}: {result.Reason}");
            Assert.All(result.Metrics[0].Samples, s => Assert.True(double.IsFinite(s) && s > 0, $"{s}"));
            Assert.Contains($"O_DIRECT not supported on ramfs at {mountPoint}; measured buffered reads after dropping the file's pages (posix_fadvise DONTNEED before each pass)", result.Notes);
            Assert.Empty(Directory.GetFileSystemEntries(mountPoint));
        }
        finally
        {
            TestMounts.Detach(mountPoint);
            Directory.Delete(mountPoint);
        }
    }

    internal static string CreateScratch(string parent) => Directory.CreateDirectory(Path.Combine(parent, $"aitune-test-{Guid.NewGuid():N}")).FullName;

    private static bool AcceptsDirect(string directory)
    {
        string probe = Path.Combine(directory, "probe");
        File.WriteAllBytes(probe, new byte[4096]);
        try
        {
            int fd = Posix.Open(probe, Posix.ORdOnly | Posix.ODirect | Posix.OCloExec);
            if (fd < 0)
            {
                Assert.Equal(Posix.EINVAL, Posix.LastError);
                return false;
            }

            Posix.Close(fd);
            return true;
        }
        finally
        {
            File.Delete(probe);
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)}: {error}");
    }
}
