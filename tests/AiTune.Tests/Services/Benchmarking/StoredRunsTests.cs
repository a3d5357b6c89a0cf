using System.Text.Json;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Store;
using AiTune.Services.Benchmarking;
using AiTune.Tests.Benchmarks;
using AiTune.Tests.Benchmarks.Store;

namespace AiTune.Tests.Services.Benchmarking;

/// <summary>The result store's use cases through the engine's service: list, show, compare, export and import.</summary>
public sealed class StoredRunsTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private string Database => scratch.File("results.db");

    private static BenchmarkRun Run(string label, double scale) =>
        BenchmarkRunSamples.Create(label, ("memory", "bandwidth", "copy", MetricDirection.HigherIsBetter,
            [10 * scale, 10.1 * scale, 9.9 * scale, 10.05 * scale, 9.95 * scale, 10.02 * scale, 9.98 * scale, 10 * scale])) with
        { Uid = Guid.NewGuid().ToString() };

    private List<long> Store(params BenchmarkRun[] runs)
    {
        using var store = ResultStore.Open(Database);
        return runs.Select(store.Save).ToList();
    }

    [Fact]
    public void The_list_is_newest_first_and_says_whether_a_filter_narrowed_it()
    {
        var ids = Store(Run("before", 1), Run("after", 1));

        var all = StoredRuns.List(Database, new RunQuery());
        var limited = StoredRuns.List(Database, new RunQuery(Limit: 1));
        var labelled = StoredRuns.List(Database, new RunQuery(Label: "before"));

        Assert.Equal(Path.GetFullPath(Database), Path.GetFullPath(all.Database));
        Assert.Equal([ids[1], ids[0]], all.Runs.Select(r => r.Id));
        Assert.False(all.Filtered);
        Assert.False(limited.Filtered);
        Assert.Equal([ids[1]], limited.Runs.Select(r => r.Id));
        Assert.True(labelled.Filtered);
        Assert.Equal(["before"], labelled.Runs.Select(r => r.Label));
        Assert.Equal("after", StoredRuns.Load(Database, ids[1]).Label);
    }

    [Fact]
    public void Two_sets_of_runs_are_compared_by_their_ids_and_a_bad_id_is_refused()
    {
        var ids = Store(Run("a1", 1), Run("a2", 1), Run("b1", 0.5), Run("b2", 0.5));

        var comparison = StoredRuns.Compare(Database, $"{ids[0]},{ids[1]}", $"{ids[2]}, {ids[3]},{ids[2]}", new ComparisonSettings(0.02, 0.05), force: false);

        Assert.Equal([ids[0], ids[1]], comparison.BaselineRuns);
        Assert.Equal([ids[2], ids[3]], comparison.CandidateRuns);
        var metric = Assert.Single(comparison.Result!.Metrics);
        Assert.Equal("memory/bandwidth/copy", metric.Name);
        var error = Assert.Throws<AiTuneException>(() => StoredRuns.Compare(Database, "1,x", "2", new ComparisonSettings(0.02, 0.05), force: false));
        Assert.Equal("'x' is not a run id", error.Message);
    }

    [Fact]
    public void An_export_imports_into_another_store_once()
    {
        var ids = Store(Run("before", 1), Run("after", 2));

        var export = StoredRuns.Export(Database, []);
        var file = scratch.File("runs.json");
        File.WriteAllBytes(file, export.Utf8Json);
        var other = scratch.File("other.db");
        var first = StoredRuns.Import(other, file, () => throw new InvalidOperationException("not standard input"));
        var again = StoredRuns.Import(other, file, () => throw new InvalidOperationException("not standard input"));
        var fromInput = StoredRuns.Import(scratch.File("third.db"), "-", () => new MemoryStream(export.Utf8Json));

        Assert.Equal(2, export.Runs);
        using (var document = JsonDocument.Parse(export.Utf8Json))
        {
            Assert.Equal(ids, document.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        }

        Assert.Equal((2, 2, 0), (first.RunsInSource, first.Ids.Count, first.AlreadyStored.Count));
        Assert.Equal((0, 2), (again.Ids.Count, again.AlreadyStored.Count));
        Assert.Equal(first.Ids, again.AlreadyStored);
        Assert.Equal("-", fromInput.Source);
        Assert.Equal(2, fromInput.Ids.Count);
        var one = StoredRuns.Export(Database, [ids[0], ids[0]]);
        Assert.Equal(["before"], BenchmarkRunsDocument.Read(new MemoryStream(one.Utf8Json), "one").Runs.Select(r => r.Label));
    }

    [Fact]
    public void Importing_a_file_that_is_not_there_says_which_file()
    {
        var missing = scratch.File("nowhere.json");

        var error = Assert.Throws<AiTuneException>(() => StoredRuns.Import(Database, missing, () => Stream.Null));

        Assert.Equal($"cannot read {missing}: there is no such file", error.Message);
        Assert.Equal("give the file aitune bench export -o wrote", error.Hint);
    }
}
