using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;

namespace AiTune.Tests.Benchmarks;

/// <summary>Benchmark runs built in a line, for the store, export and compare tests.</summary>
public static class BenchmarkRunSamples
{
    /// <summary>A start time with sub-millisecond ticks and a non-UTC offset, which a store must give back as is.</summary>
    public static readonly DateTimeOffset Start = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.FromHours(1)).AddTicks(5_358_979);

    public static RunEnvironment Environment(string kernel = "6.8.0-51-generic", string hostname = "gpu-node-7", string? appliedProfile = null) => new()
    {
        Hostname = hostname,
        Kernel = kernel,
        Flavor = "generic",
        Cmdline = "BOOT_IMAGE=/vmlinuz root=/dev/nvme0n1p2 ro quiet",
        Preemption = "Voluntary",
        CpuModel = "AMD EPYC 9654 96-Core Processor",
        LogicalCpus = 192,
        MemoryBytes = 1_622_000_000_000,
        NumaNodes = 2,
        Gpus = 8,
        Virtualization = null,
        Thp = "madvise",
        Governor = "performance",
        AppliedProfile = appliedProfile,
        ToolVersion = "0.1.0",
        Runtime = ".NET 10.0.0",
        Architecture = "x64",
        VectorBits = 128,
    };

    /// <summary>A run of the given metrics, grouped into cases by (suite, case) in order of appearance: a case whose
    /// samples are empty is skipped (with a reason), any other met its target. Units follow the direction: "GB/s"
    /// for higher-is-better, "ms" for lower.</summary>
    public static BenchmarkRun Create(string? label, params (string Suite, string Case, string Metric, MetricDirection Direction, double[] Samples)[] metrics)
    {
        var cases = metrics
            .GroupBy(m => (m.Suite, m.Case))
            .Select(group =>
            {
                var results = group.Select(m => new MetricResult(m.Metric, m.Direction == MetricDirection.HigherIsBetter ? "GB/s" : "ms", m.Direction, m.Samples)).ToList();
                bool skipped = results.All(r => r.Samples.Count == 0);
                return new CaseResult(group.Key.Suite, group.Key.Case, $"{group.Key.Suite} {group.Key.Case}",
                    skipped ? CaseOutcome.Skipped : CaseOutcome.TargetMet, skipped ? "not available on this host (test)" : null,
                    1, 2.5, results, []);
            })
            .ToList();
        return new BenchmarkRun(0, label, Start, Start.AddMinutes(3), false, metrics.Select(m => m.Suite).Distinct().ToList(),
            RunSettingsRecord.Of(RunSettings.Standard), Environment(), cases);
    }

    /// <summary>A run with what real ones hold: several cases, one skipped with its reason, one interrupted (so the
    /// run is partial), notes, unicode in the label and the notes, and samples at the edges of double (the smallest
    /// subnormal, the largest finite value, thirds that have no short decimal form).</summary>
    public static BenchmarkRun Realistic(string? label = "før tuning — 6.8 ✓")
    {
        double[] throughput = [3.2171, 3.19, 1.0 / 3, 3.2 + 1e-15, Math.PI, 3.2171, 2.9999999999999996, 3.21];
        double[] firstByte = [0.412, 0.398, 0.4, 0.405, 0.39900000000000002, 0.41, 0.402, 0.403];
        return new BenchmarkRun(0, label, Start, Start.AddSeconds(517.123_456_7), true, ["model-load", "memory"],
            RunSettingsRecord.Of(RunSettings.Standard), Environment(appliedProfile: "inference-throughput"),
            [
                new CaseResult("model-load", "read/4k", "Reads the model with read(2) into 4 KiB pages", CaseOutcome.TargetMet, null, 1, 12.75,
                    [
                        new MetricResult("throughput", "GB/s", MetricDirection.HigherIsBetter, throughput),
                        new MetricResult("first-byte", "ms", MetricDirection.LowerIsBetter, firstByte),
                    ],
                    ["résident avant chargement : 0 % (fadvise DONTNEED)", "日本語のメモ"]),
                new CaseResult("model-load", "mmap/thp", "Maps the model on transparent huge pages", CaseOutcome.Skipped,
                    "transparent huge pages are off (enabled: never) (set /sys/kernel/mm/transparent_hugepage/enabled to madvise)", 1, 0.01,
                    [new MetricResult("throughput", "GB/s", MetricDirection.HigherIsBetter, [])], []),
                new CaseResult("model-load", "read/direct", "Reads with O_DIRECT", CaseOutcome.MaximumReached,
                    "stopped at the maximum of 100 repetitions before the median was known to ±2 %", 1, 30.5,
                    [new MetricResult("throughput", "GB/s", MetricDirection.HigherIsBetter, [double.Epsilon, double.MaxValue, 1e-300, 7.0 / 3])], []),
                new CaseResult("memory", "bandwidth/µ", "Copies between buffers", CaseOutcome.Interrupted, "interrupted", 1, 4.2,
                    [new MetricResult("copy", "GB/s", MetricDirection.HigherIsBetter, [41.5, 40.25])], ["stopped by Ctrl-C after 2 samples"]),
            ]);
    }
}
