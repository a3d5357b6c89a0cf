using AiTune.Benchmarks;
using AiTune.Benchmarks.Load;
using AiTune.Benchmarks.Statistics;
using AiTune.Services.ClosedLoop;
using AiTune.Tests.Benchmarks;

namespace AiTune.Tests.Services.ClosedLoop;

/// <summary>
/// Runs of made-up throughput metrics, drawn the way real runs vary: each run has its own level (the run-to-run
/// spread, <paramref name="runSpread"/>, which repetitions within a run cannot see), and its repetitions scatter around
/// it (<paramref name="repetitionSpread"/>). With the host on the candidate side, metric 0 is multiplied by
/// <paramref name="candidateFactor"/>; 1 is an A/A test. Seeded: the same seed gives the same runs.
/// </summary>
internal sealed class SyntheticMeasurer(ScriptedSwitch host, int seed, int metrics = 3, double candidateFactor = 1,
    double runSpread = 0.03, double repetitionSpread = 0.01, int repetitions = 10) : IRunMeasurer
{
    private readonly Random random = new(seed);

    public int MetricCount => metrics;

    public List<string> Labels { get; } = [];

    /// <summary>Run numbers (1 = the first) measured on a busy host.</summary>
    public HashSet<int> BusyRuns { get; init; } = [];

    /// <summary>A run number at which the measurement is interrupted (partial), or 0.</summary>
    public int InterruptAt { get; init; }

    /// <summary>A run number at which the measurement throws, or 0.</summary>
    public int ThrowAt { get; init; }

    public BenchmarkRun Measure(string label, CancellationToken cancellation)
    {
        Labels.Add(label);
        int number = Labels.Count;
        if (number == ThrowAt)
        {
            throw new AiTuneException("the scratch disk is full", "free some space");
        }

        var cases = new List<CaseResult>();
        for (int m = 0; m < metrics; m++)
        {
            double level = 10 * (1 + runSpread * Normal()) * (m == 0 && host.Arm == LoopArm.Candidate ? candidateFactor : 1);
            var samples = Enumerable.Range(0, repetitions).Select(_ => level * (1 + repetitionSpread * Normal())).ToArray();
            cases.Add(new CaseResult("synthetic", $"case{m}", "made up", CaseOutcome.TargetMet, null, 1, 1.0,
                [new MetricResult("throughput", "GB/s", MetricDirection.HigherIsBetter, samples)], [],
                new Dictionary<string, string> { ["size"] = "1024", [CaseResult.ModeParameter] = "standard" }));
        }

        var load = new RunLoad(BusyRuns.Contains(number) ? 0.4 : 0.01, BusyRuns.Contains(number) ? 0.45 : 0.02, "synthetic/case0", 0, 0.5, null, null, null, 1.0);
        return new BenchmarkRun(number, label, BenchmarkRunSamples.Start.AddMinutes(number), BenchmarkRunSamples.Start.AddMinutes(number + 1), number == InterruptAt,
            ["synthetic"], RunSettingsRecord.Of(RunSettings.Standard), BenchmarkRunSamples.Environment(), cases, Guid.NewGuid().ToString(), load);
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
