using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Disk;
using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks.Disk;

public sealed class DiskTargetTests
{
    [Fact]
    public void A_directory_fifo_socket_device_or_missing_path_is_refused_with_a_hint()
    {
        string scratch = DiskSuiteTests.CreateScratch("/var/tmp");
        try
        {
            string fifo = Path.Combine(scratch, "fifo");
            using (var mkfifo = Process.Start("mkfifo", fifo))
            {
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            string socketPath = Path.Combine(scratch, "socket");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));

            Assert.Equal($"disk: {scratch} is a directory, not a file or a block device", Refusal(scratch).Message);
            // Opening a FIFO for reading would block until a writer came; it is refused without being opened.
            Assert.Equal($"disk: {fifo} is a FIFO, not a file or a block device", Refusal(fifo).Message);
            Assert.Equal($"disk: {socketPath} is a socket, not a file or a block device", Refusal(socketPath).Message);
            Assert.Equal("disk: /dev/null is a character device, not a file or a block device", Refusal("/dev/null").Message);
            Assert.Equal($"disk: {scratch}/missing does not exist", Refusal(Path.Combine(scratch, "missing")).Message);
            Assert.Equal("disk: a\\nb does not exist", Refusal("a\nb").Message);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void A_users_file_is_read_through_a_link_and_never_changed()
    {
        string scratch = DiskSuiteTests.CreateScratch("/var/tmp");
        try
        {
            string file = Path.Combine(scratch, "weights.bin");
            var content = RandomNumberGenerator.GetBytes(3 << 20);
            File.WriteAllBytes(file, content);
            var written = File.GetLastWriteTimeUtc(file);
            string link = Path.Combine(scratch, "link");
            File.CreateSymbolicLink(link, file);

            var readCase = new SequentialReadCase(new SuiteOptions { DiskPath = link, QueueDepth = 3 }, 1L << 30, 1L << 30);
            var result = new BenchmarkRunner(new RunSettings(0, new RepetitionSettings(0.5, 3, 3), TimeSpan.FromSeconds(1), true)).Run(readCase, null, CancellationToken.None);

            Assert.True(result.Outcome is CaseOutcome.TargetMet or CaseOutcome.MaximumReached, $"{result.Outcome}: {result.Reason}");
            Assert.All(result.Metrics[0].Samples, s => Assert.True(double.IsFinite(s) && s > 0, $"{s}"));
            Assert.Contains($"reading {link} (file, 3 MiB), 3 MiB per repetition, with 3 threads calling pread(2) (fio psync with numjobs, not io_uring)", result.Notes);
            Assert.Equal(content, File.ReadAllBytes(file));
            Assert.Equal(written, File.GetLastWriteTimeUtc(file));
            Assert.Equal(["link", "weights.bin"], Directory.GetFileSystemEntries(scratch).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void Sizes_and_depths_that_cannot_be_measured_are_refused_with_a_hint()
    {
        string scratch = DiskSuiteTests.CreateScratch("/var/tmp");
        try
        {
            string tiny = Path.Combine(scratch, "tiny");
            File.WriteAllBytes(tiny, new byte[1000]);

            Assert.Equal($"disk: {tiny} (file, 1000 B) is smaller than one 1 MiB block", Refusal(tiny).Message);
            Assert.Equal("disk: a block size of 1000 bytes cannot be read with O_DIRECT",
                Refusal(new SuiteOptions { DiskPath = tiny, BlockSizeBytes = 1000 }).Message);
            Assert.Equal("disk: a queue depth of 0 is out of range", Refusal(new SuiteOptions { DiskPath = tiny, QueueDepth = 0 }).Message);
            Assert.Equal($"disk: the scratch directory {scratch}/none does not exist",
                Refusal(new SuiteOptions { ScratchDirectory = Path.Combine(scratch, "none") }).Message);
            Assert.StartsWith($"disk: {scratch} has ", Refusal(new SuiteOptions { ScratchDirectory = scratch }, temporaryBytes: 1L << 60).Message, StringComparison.Ordinal);
            Assert.Equal(["tiny"], Directory.GetFileSystemEntries(scratch).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static AiTuneException Refusal(string diskPath) => Refusal(new SuiteOptions { DiskPath = diskPath });

    private static AiTuneException Refusal(SuiteOptions options, long temporaryBytes = 1L << 20)
    {
        using var readCase = new SequentialReadCase(options, temporaryBytes, 1L << 30);
        var error = Assert.Throws<AiTuneException>(() => readCase.Prepare(CancellationToken.None));
        Assert.NotEmpty(error.Hint);
        return error;
    }
}
