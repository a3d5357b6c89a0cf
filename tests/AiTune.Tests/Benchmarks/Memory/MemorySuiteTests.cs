using AiTune.Benchmarks;
using AiTune.Benchmarks.Buffers;
using AiTune.Benchmarks.Memory;
using AiTune.Benchmarks.Statistics;
using AiTune.Inspection.Memory;

namespace AiTune.Tests.Benchmarks.Memory;

public sealed class MemorySuiteTests
{
    private static readonly RunSettings Tiny = new(0, new RepetitionSettings(0.5, 3, 3), TimeSpan.FromSeconds(1), true);

    [Fact]
    public void The_suite_is_listed_and_names_its_cases_the_same_on_every_host()
    {
        var names = MemorySuite.Suite.CreateCases(new SuiteOptions { Quick = true }).Select(c => c.Name).ToList();

        Assert.Contains(MemorySuite.Suite, BenchmarkSuites.All);
        Assert.Equal(["copy/single", "triad/single", "copy/multi", "triad/multi", "fault/4k", "fault/thp", "fault/hugetlb"], names);
    }

    [Fact]
    public void The_method_states_the_units_and_the_byte_counting()
    {
        string method = MemorySuite.Suite.Method;

        Assert.Contains("10^9", method, StringComparison.Ordinal);
        Assert.Contains("2 × 8 per element for copy, 3 × 8 for triad", method, StringComparison.Ordinal);
        Assert.Contains("per 4 KiB", method, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_and_threads_options_choose_the_fault_cases_and_the_parallel_width()
    {
        var cases = MemorySuite.Suite.CreateCases(new SuiteOptions { Quick = true, Threads = 3, Pages = [PageBacking.Thp] });

        Assert.Equal(["copy/single", "triad/single", "copy/multi", "triad/multi", "fault/thp"], cases.Select(c => c.Name));
        Assert.Equal([1, 1, 3, 3], cases.OfType<BandwidthCase>().Select(c => c.Threads));
        Assert.Equal(PageFaultCase.QuickBytes, cases.OfType<PageFaultCase>().Single().Bytes);
    }

    [Fact]
    public void Zero_threads_is_refused_with_a_hint()
    {
        var error = Assert.Throws<AiTuneException>(() => MemorySuite.Suite.CreateCases(new SuiteOptions { Threads = 0 }));

        Assert.Contains("--threads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bandwidth_case_measures_positive_finite_gigabytes_per_second()
    {
        var runner = new BenchmarkRunner(Tiny);
        foreach (var benchmarkCase in MemorySuite.Suite.CreateCases(new SuiteOptions { Quick = true }).OfType<BandwidthCase>())
        {
            var result = runner.Run(benchmarkCase, null, CancellationToken.None);

            Assert.NotEqual(CaseOutcome.Skipped, result.Outcome);
            var metric = Assert.Single(result.Metrics);
            Assert.Equal(("bandwidth", "GB/s", MetricDirection.HigherIsBetter), (metric.Name, metric.Unit, metric.Direction));
            Assert.Equal(3, metric.Samples.Count);
            Assert.All(metric.Samples, s => Assert.True(double.IsFinite(s) && s > 0, $"{result.FullName}: {s}"));
            Assert.Contains(result.Notes, n => n.StartsWith("3 arrays of", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_base_and_thp_fault_cases_measure_throughput_and_cost_of_the_same_run()
    {
        var runner = new BenchmarkRunner(Tiny);
        foreach (var backing in new[] { PageBacking.Base, PageBacking.Thp })
        {
            var result = runner.Run(new PageFaultCase(backing, 32L << 20), null, CancellationToken.None);

            Assert.Equal(["fault-throughput", "fault-cost"], result.Metrics.Select(m => m.Name));
            Assert.Equal([MetricDirection.HigherIsBetter, MetricDirection.LowerIsBetter], result.Metrics.Select(m => m.Direction));
            for (int i = 0; i < 3; i++)
            {
                double gbps = result.Metrics[0].Samples[i];
                double ns = result.Metrics[1].Samples[i];
                Assert.True(double.IsFinite(gbps) && gbps > 0 && double.IsFinite(ns) && ns > 0);
                Assert.Equal(4096, gbps * ns, 6);
            }
        }
    }

    [Fact]
    public void The_thp_case_says_how_much_of_the_buffer_thp_backed_or_that_thp_is_off()
    {
        var result = new BenchmarkRunner(Tiny).Run(new PageFaultCase(PageBacking.Thp, 32L << 20), null, CancellationToken.None);

        Assert.Contains(result.Notes, n => n.StartsWith("THP backed", StringComparison.Ordinal) || n.StartsWith("THP is off", StringComparison.Ordinal));
    }

    [Fact]
    public void Hugetlb_without_enough_free_huge_pages_names_the_sysctl_that_reserves_them()
    {
        var meminfo = MeminfoParser.Parse("HugePages_Total:       4\nHugePages_Free:        4\nHugepagesize:       2048 kB\n", "/proc/meminfo");

        var error = Assert.Throws<AiTuneException>(() => HugePageReservation.Require(meminfo, 128L << 20));

        Assert.Equal("hugetlb: 4 free huge pages of 2 MiB, and a 128 MiB buffer needs 64", error.Message);
        Assert.Contains("sysctl vm.nr_hugepages=64", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Hugetlb_rounds_the_buffer_up_to_whole_huge_pages()
    {
        var meminfo = MeminfoParser.Parse("HugePages_Total:       2\nHugePages_Free:        2\nHugepagesize:    1048576 kB\n", "/proc/meminfo");

        Assert.Equal((1L << 30, 1L), HugePageReservation.Require(meminfo, 128L << 20));
    }

    [Fact]
    public void A_kernel_without_a_huge_page_pool_is_told_apart()
    {
        var meminfo = MeminfoParser.Parse("MemTotal:       1000 kB\n", "/proc/meminfo");

        var error = Assert.Throws<AiTuneException>(() => HugePageReservation.Require(meminfo, 128L << 20));

        Assert.Contains("no huge page pool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hugetlb_case_is_skipped_with_the_reserve_hint_when_this_host_has_too_few_free_huge_pages()
    {
        var meminfo = MeminfoParser.Parse(File.ReadAllText("/proc/meminfo"), "/proc/meminfo");
        long free = meminfo.Get("HugePages_Free").GetValueOrDefault(0);
        long pageBytes = meminfo.Get("Hugepagesize").GetValueOrDefault(2L << 20);
        long bytes = 32L << 20;

        var result = new BenchmarkRunner(Tiny).Run(new PageFaultCase(PageBacking.HugeTlb, bytes), null, CancellationToken.None);

        if (free * pageBytes < bytes)
        {
            Assert.Equal(CaseOutcome.Skipped, result.Outcome);
            Assert.Contains("vm.nr_hugepages=", result.Reason, StringComparison.Ordinal);
            Assert.All(result.Metrics, m => Assert.Empty(m.Samples));
        }
        else
        {
            Assert.Equal(3, result.Metrics[0].Samples.Count);
        }
    }

    [Fact]
    public void Cancelling_a_bandwidth_measurement_throws_and_dispose_stops_the_threads()
    {
        var benchmarkCase = new BandwidthCase(StreamKernel.Triad, 2, true, true, 8L << 20);
        benchmarkCase.Prepare(CancellationToken.None);
        Assert.Equal(2, benchmarkCase.LiveThreads);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => benchmarkCase.Measure(new double[1], cancellation.Token));

        benchmarkCase.Dispose();
        Assert.Equal(0, benchmarkCase.LiveThreads);
    }

    [Fact]
    public void Cancelling_a_fault_measurement_throws()
    {
        using var benchmarkCase = new PageFaultCase(PageBacking.Base, 32L << 20);
        benchmarkCase.Prepare(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => benchmarkCase.Measure(new double[2], cancellation.Token));
    }

    [Fact]
    public void A_small_parallel_case_chooses_passes_and_reports_its_array_size()
    {
        using var benchmarkCase = new BandwidthCase(StreamKernel.Copy, 2, true, true, 8L << 20);
        benchmarkCase.Prepare(CancellationToken.None);

        Assert.Equal(1L << 20, benchmarkCase.Elements);
        Assert.InRange(benchmarkCase.PassesPerRepetition, 1, 10_000);
        Assert.Contains($"3 arrays of 8 MiB on base pages, 2 threads, {LoopVectors.Bits}-bit vectors", benchmarkCase.Notes);
    }
}
