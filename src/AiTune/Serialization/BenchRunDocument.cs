using AiTune.Benchmarks;

namespace AiTune.Serialization;

/// <summary>What `aitune bench SUITE --json` prints: the run with its raw samples, in the shape of the export
/// document (so `bench import` takes it on another machine), and each metric summarized.</summary>
public sealed record BenchRunDocument(int SchemaVersion, string Tool, IReadOnlyList<BenchmarkRun> Runs, IReadOnlyList<MetricSummary> Metrics)
{
    public const int CurrentSchemaVersion = 1;

    public static BenchRunDocument Of(BenchmarkRun run) => new(CurrentSchemaVersion, "aitune", [run], MetricSummary.Of(run));
}
