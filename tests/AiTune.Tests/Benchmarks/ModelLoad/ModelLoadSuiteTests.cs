using AiTune.Benchmarks;
using AiTune.Benchmarks.Buffers;
using AiTune.Benchmarks.ModelLoad;
using AiTune.Models;
using Xunit;

namespace AiTune.Tests.Benchmarks.ModelLoad;

/// <summary>Smoke runs of every load strategy on this machine, on a small synthetic model on the real disk.</summary>
public sealed class ModelLoadSuiteTests : IDisposable
{
    private const long ModelBytes = 24L << 20;
    private readonly string scratch = Directory.CreateDirectory(Path.Combine("/var/tmp", "aitune-test-" + Guid.NewGuid().ToString("n"))).FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private SuiteOptions Options(params LoadStrategy[] strategies) => new()
    {
        Quick = true,
        ScratchDirectory = scratch,
        SyntheticSizeBytes = ModelBytes,
        Strategies = strategies,
        Pages = [PageBacking.Base, PageBacking.Thp],
        Threads = 3,
        QueueDepth = 4,
    };

    [Fact]
    public void Every_strategy_loads_the_synthetic_model_cold_and_reports_positive_throughput()
    {
        var cases = ModelLoadSuite.CreateCases(Options([.. ModelLoadSuite.AllStrategies]));
        Assert.Equal(["read/4k", "read/thp", "mmap", "direct/4k", "direct/thp", "parallel/4k", "parallel/thp"], cases.Select(c => c.Name));

        var results = cases.Select(c => TinyRuns.Run(c)).ToList();

        foreach (var result in results)
        {
            Assert.True(result.Outcome is CaseOutcome.TargetMet or CaseOutcome.MaximumReached, $"{result.FullName}: {result.Outcome} {result.Reason}");
            var throughput = Assert.Single(result.Metrics);
            Assert.Equal("GB/s", throughput.Unit);
            Assert.Equal(3, throughput.Samples.Count);
            Assert.All(throughput.Samples, s => Assert.True(double.IsFinite(s) && s > 0));
            Assert.Contains(result.Notes, n => n.StartsWith("synthetic safetensors model", StringComparison.Ordinal));
            Assert.Contains(result.Notes, n => n.StartsWith("resident in the page cache before each load: at most", StringComparison.Ordinal));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
    }

    [Fact]
    public void Each_case_records_its_workload_so_compare_can_tell_runs_of_another_apart()
    {
        var cases = ModelLoadSuite.CreateCases(Options(LoadStrategy.Direct, LoadStrategy.Parallel));

        var direct = TinyRuns.Run(cases[0]);
        var parallel = TinyRuns.Run(cases[2]);

        Assert.Equal(
            $"model=synthetic file-bytes={ModelBytes} strategy=direct pages=4k cache=cold queue-depth=4 block-size=1048576 scratch={scratch} format=safetensors tensor-bytes={direct.Parameters!["tensor-bytes"]} mode=quick",
            string.Join(' ', direct.Parameters!.Select(p => $"{p.Key}={p.Value}")));
        Assert.InRange(long.Parse(direct.Parameters["tensor-bytes"], System.Globalization.CultureInfo.InvariantCulture), ModelBytes - (1 << 20), ModelBytes);
        Assert.Equal("3", parallel.Parameters!["threads"]);
        Assert.False(parallel.Parameters.ContainsKey("queue-depth"));
    }

    [Fact]
    public void A_cold_load_starts_with_the_file_out_of_the_page_cache()
    {
        var result = TinyRuns.Run(ModelLoadSuite.CreateCases(Options(LoadStrategy.Read))[0]);

        // fadvise(DONTNEED) drops every clean page no one maps; the test's own file has no other user.
        Assert.Contains("resident in the page cache before each load: at most 0.0% (cold: fdatasync, POSIX_FADV_DONTNEED, checked with mincore)", result.Notes);
    }

    [Fact]
    public void A_warm_load_starts_with_the_whole_file_cached()
    {
        var cases = ModelLoadSuite.CreateCases(Options(LoadStrategy.Read) with { Warm = true });
        Assert.Equal("read/4k/warm", cases[0].Name);

        var result = TinyRuns.Run(cases[0]);

        Assert.Contains("resident in the page cache before each load: at least 100%", result.Notes);
        Assert.Equal(3, result.Metrics[0].Samples.Count);
    }

    [Fact]
    public void A_users_model_file_is_loaded_and_left_in_place()
    {
        string path = Path.Combine(scratch, "user.gguf");
        SyntheticModelWriter.Write(path, ModelFormat.Gguf, 4L << 20);
        var cases = ModelLoadSuite.CreateCases(Options(LoadStrategy.Read, LoadStrategy.Mmap) with { ModelPath = path });

        var results = cases.Select(c => TinyRuns.Run(c)).ToList();

        Assert.All(results, r => Assert.Equal(3, r.Metrics[0].Samples.Count));
        Assert.Contains(results[0].Notes, n => n.StartsWith("gguf model " + path, StringComparison.Ordinal));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Hugetlb_without_enough_free_huge_pages_is_skipped_with_the_line_that_reserves_them()
    {
        var cases = ModelLoadSuite.CreateCases(Options(LoadStrategy.Read) with { Pages = [PageBacking.HugeTlb] });
        long freeBytes = LiveMeminfo("HugePages_Free") * LiveMeminfo("Hugepagesize", 1024);

        var result = TinyRuns.Run(cases[0]);

        if (freeBytes >= ModelBytes + (4L << 20))
        {
            Assert.Equal(3, result.Metrics[0].Samples.Count);
            return;
        }

        Assert.Equal(CaseOutcome.Skipped, result.Outcome);
        Assert.Contains("free huge pages of", result.Reason);
        Assert.Contains("aitune plan --profile inference-throughput --model-size", result.Reason);
        Assert.Empty(result.Metrics[0].Samples);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
    }

    [Fact]
    public void A_model_larger_than_the_available_memory_is_refused_before_anything_is_written()
    {
        var cases = ModelLoadSuite.CreateCases(Options(LoadStrategy.Read) with { SyntheticSizeBytes = LiveMeminfo("MemTotal", 1024) * 2 });

        var result = TinyRuns.Run(cases[0]);

        Assert.Equal(CaseOutcome.Skipped, result.Outcome);
        Assert.Contains("of memory and only", result.Reason);
        Assert.Contains("MemAvailable", result.Reason);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
    }

    [Fact]
    public void Direct_reads_on_tmpfs_fall_back_to_buffered_reads_and_say_so()
    {
        string shm = Directory.CreateDirectory(Path.Combine("/dev/shm", "aitune-test-" + Guid.NewGuid().ToString("n"))).FullName;
        try
        {
            var cases = ModelLoadSuite.CreateCases(Options(LoadStrategy.Direct) with { ScratchDirectory = shm, Pages = [PageBacking.Base] });

            var result = TinyRuns.Run(cases[0]);

            Assert.Equal(3, result.Metrics[0].Samples.Count);
            Assert.Contains(result.Notes, n => n.Contains("refused O_DIRECT", StringComparison.Ordinal));
            Assert.Contains(result.Notes, n => n.StartsWith("the file is on tmpfs", StringComparison.Ordinal));
            Assert.Empty(Directory.EnumerateFileSystemEntries(shm));
        }
        finally
        {
            Directory.Delete(shm, recursive: true);
        }
    }

    [Fact]
    public void Ctrl_c_before_the_first_load_keeps_no_samples_and_removes_the_synthetic_file()
    {
        using var cancellation = new CancellationTokenSource();
        var cases = ModelLoadSuite.CreateCases(Options(LoadStrategy.Read, LoadStrategy.Mmap));
        var first = new BenchmarkRunner(TinyRuns.Settings).Run(cases[0], p =>
        {
            if (p.Samples == 1)
            {
                cancellation.Cancel();
            }
        }, cancellation.Token);
        foreach (var notRun in cases.Skip(1))
        {
            notRun.Dispose();
        }

        Assert.Equal(CaseOutcome.Interrupted, first.Outcome);
        Assert.Single(first.Metrics[0].Samples);
        Assert.Equal([], Directory.EnumerateFileSystemEntries(scratch, "*", SearchOption.AllDirectories));
    }

    private static long LiveMeminfo(string field, long multiplier = 1)
    {
        foreach (string line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * multiplier;
            }
        }

        return 0;
    }
}
