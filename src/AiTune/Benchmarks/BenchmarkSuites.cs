using AiTune.Benchmarks.Disk;
using AiTune.Benchmarks.Kernel;
using AiTune.Benchmarks.Loopback;
using AiTune.Benchmarks.Memory;
using AiTune.Benchmarks.ModelLoad;
using AiTune.Benchmarks.Scheduler;

namespace AiTune.Benchmarks;

/// <summary>Every suite aitune has, in the order `bench all` runs them.</summary>
public static class BenchmarkSuites
{
    public static IReadOnlyList<BenchmarkSuite> All { get; } =
    [
        ModelLoadSuite.Suite,
        MemorySuite.Suite,
        SchedulerSuite.Suite,
        LoopbackSuite.Suite,
        DiskSuite.Suite,
        KernelSuite.Suite,
    ];

    /// <summary>The suites named in a comma-separated list ("model-load,memory", or "all"), in the order given.</summary>
    public static IReadOnlyList<BenchmarkSuite> Parse(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new AiTuneException("no benchmark suite named", $"name one or more of: {string.Join(", ", All.Select(s => s.Name))}, or all");
        }

        if (names.Length == 1 && names[0] == "all")
        {
            return All;
        }

        var suites = new List<BenchmarkSuite>();
        foreach (var name in names)
        {
            var suite = All.FirstOrDefault(s => s.Name == name)
                ?? throw new AiTuneException($"unknown benchmark suite '{Text.DisplayText.Escape(name)}'", $"the suites are: {string.Join(", ", All.Select(s => s.Name))}, or all");
            if (!suites.Contains(suite))
            {
                suites.Add(suite);
            }
        }

        return suites;
    }
}
