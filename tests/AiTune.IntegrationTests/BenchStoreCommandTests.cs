using System.Text.Json;
using AiTune.Benchmarks.Store;
using AiTune.IntegrationTests.Support;
using AiTune.Tests.Benchmarks;

namespace AiTune.IntegrationTests;

/// <summary>bench history, export and import end to end, on databases in a scratch directory.</summary>
public sealed class BenchStoreCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("aitune-bench-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void History_of_a_new_database_says_it_is_empty_and_matches_its_schema()
    {
        var text = Run("bench", "history", "--db", Db("new.db"));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("no runs stored yet", text.Output);

        var json = Run("bench", "history", "--db", Db("new.db"), "--json");
        Assert.Equal(0, json.ExitCode);
        var history = Valid("bench-history.schema.json", json.Output);
        Assert.Equal(Db("new.db"), history.GetProperty("database").GetString());
        Assert.Equal(0, history.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public void History_lists_runs_newest_first_as_a_table_and_as_json_and_filters_them()
    {
        var db = Seed("results.db");

        var text = Run("bench", "history", "--db", db);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.DoesNotContain("\u001b[", text.Output);
        var rows = text.Output.Split('\n').Where(l => l.Contains("gpu-node-7", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count == 2, text.Output);
        Assert.StartsWith("2 ", rows[0].TrimStart());
        Assert.Contains("after", rows[0]);
        Assert.Contains("før tuning — 6.8 ✓", rows[1]);
        Assert.Contains("4 (1 skipped)", rows[1]);
        Assert.Contains("partial (interrupted)", rows[1]);
        Assert.Contains("6.8.0-51-generic (generic)", rows[1]);
        Assert.Contains("inference-throughput", rows[1]);

        var json = Valid("bench-history.schema.json", Run("bench", "history", "--db", db, "--json").Output);
        Assert.Equal([2, 1], json.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));

        var filtered = Valid("bench-history.schema.json", Run("bench", "history", "--db", db, "--json", "--label", "after").Output);
        Assert.Equal([2], filtered.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        var limited = Valid("bench-history.schema.json", Run("bench", "history", "--db", db, "--json", "-n", "1").Output);
        Assert.Equal([2], limited.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        Assert.Contains("no stored run matches", Run("bench", "history", "--db", db, "--kernel", "4.19.0").Output);
    }

    [Fact]
    public void Export_then_import_moves_runs_between_databases_under_new_ids()
    {
        var source = Seed("source.db");
        var target = Db("target.db");
        var export = Path.Join(directory, "runs.json");
        using (var store = ResultStore.Open(target))
        {
            store.Save(BenchmarkRunSamples.Create("local", ("memory", "copy", "bandwidth", AiTune.Benchmarks.Statistics.MetricDirection.HigherIsBetter, [9.5, 9.75, 9.25])));
        }

        var exported = Run("bench", "export", "--db", source, "-o", export);
        Assert.True(exported.ExitCode == 0, exported.Error);
        Assert.Contains("exported 2 run(s)", exported.Error);
        Valid("bench-runs.schema.json", File.ReadAllText(export));
        Assert.Equal(["runs.json"], Directory.GetFiles(directory, "runs.json*").Select(Path.GetFileName));

        var imported = Run("bench", "import", export, "--db", target, "--json");
        Assert.True(imported.ExitCode == 0, imported.Error);
        var report = Valid("bench-import.schema.json", imported.Output);
        Assert.Equal([2L, 3L], report.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()));

        using (var from = ResultStore.Open(source))
        using (var to = ResultStore.Open(target))
        {
            Assert.Equal(Comparable(from.Load(1)), Comparable(to.Load(2)));
            Assert.Equal(Comparable(from.Load(2)), Comparable(to.Load(3)));
            Assert.Equal(from.Load(1).Uid, to.Load(2).Uid);
        }

        // The same file again stores nothing: the runs carry their identity.
        var again = Run("bench", "import", export, "--db", target, "--json");
        var text = Run("bench", "import", export, "--db", target);
        Assert.True(again.ExitCode == 0, again.Error);
        var repeated = Valid("bench-import.schema.json", again.Output);
        Assert.Empty(repeated.GetProperty("ids").EnumerateArray());
        Assert.Equal([2L, 3L], repeated.GetProperty("alreadyStored").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Equal($"2 run(s) were already in {target} (id(s) 2, 3): not stored again", text.Output.Trim());
        using var unchanged = ResultStore.Open(target);
        Assert.Equal(3, unchanged.List().Count);
    }

    [Fact]
    public void Export_of_chosen_ids_to_standard_output_is_the_document()
    {
        var db = Seed("results.db");
        var result = Run("bench", "export", "2", "--db", db, "-o", "-");

        Assert.True(result.ExitCode == 0, result.Error);
        var document = Valid("bench-runs.schema.json", result.Output);
        Assert.Equal("after", Assert.Single(document.GetProperty("runs").EnumerateArray()).GetProperty("label").GetString());
    }

    [Fact]
    public void Export_of_an_unknown_id_names_the_ids_there_are()
    {
        var result = Run("bench", "export", "7", "--db", Seed("results.db"), "-o", Path.Join(directory, "out.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: no run 7 in", result.Error);
        Assert.Contains("hint: the stored runs are 1-2", result.Error);
        Assert.False(File.Exists(Path.Join(directory, "out.json")));
    }

    [Fact]
    public void A_hostile_import_is_refused_with_error_and_hint_and_stores_nothing()
    {
        var db = Seed("results.db");
        var document = JsonDocument.Parse(Run("bench", "export", "--db", db, "-o", "-").Output).RootElement.GetRawText();
        var hostile = Path.Join(directory, "hostile.json");
        File.WriteAllText(hostile, document.Replace("\"after\"", "\"after\\u001b[2J\\nerror: fake\"", StringComparison.Ordinal));

        var result = Run("bench", "import", hostile, "--db", db);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        var lines = result.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains("U+001B", lines[0]);
        Assert.StartsWith("hint: ", lines[1]);
        Assert.DoesNotContain('\u001b', result.Error);
        using var store = ResultStore.Open(db);
        Assert.Equal(2, store.List().Count);
    }

    [Fact]
    public void Import_of_a_missing_file_is_an_error_and_creates_no_database()
    {
        var result = Run("bench", "import", Path.Join(directory, "absent.json"), "--db", Db("results.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("there is no such file", result.Error);
        Assert.False(File.Exists(Db("results.db")));
    }

    [Fact]
    public void A_damaged_database_is_an_error_and_stays_as_it_was()
    {
        var db = Db("results.db");
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(db, bytes);

        var result = Run("bench", "history", "--db", db);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is damaged or not a database", result.Error);
        Assert.Contains("hint: aitune leaves it untouched", result.Error);
        Assert.Equal(bytes, File.ReadAllBytes(db));
    }

    private string Db(string name) => Path.Join(directory, name);

    /// <summary>A database holding the realistic run (id 1) and a later one labelled "after" (id 2).</summary>
    private string Seed(string name)
    {
        var path = Db(name);
        using var store = ResultStore.Open(path);
        var start = BenchmarkRunSamples.Start.AddDays(1);
        store.Save(BenchmarkRunSamples.Realistic());
        store.Save(BenchmarkRunSamples.Create("after", ("memory", "copy", "bandwidth", AiTune.Benchmarks.Statistics.MetricDirection.HigherIsBetter, [11.5, 11.25, 11.75]))
            with { StartedAt = start, FinishedAt = start.AddMinutes(2) });
        return path;
    }

    private static string Comparable(AiTune.Benchmarks.BenchmarkRun run) =>
        JsonSerializer.Serialize(run with { Id = 0 }, AiTune.Benchmarks.Store.StoreJsonContext.Default.BenchmarkRun);

    private static JsonElement Valid(string schemaFile, string json)
    {
        var schema = DocumentSchema.Load(schemaFile);
        var problems = schema.Problems(json);
        Assert.True(problems.Count == 0, $"{schemaFile}: {string.Join("; ", problems.Take(10))}");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static Aitune.Result Run(params string[] args) => Aitune.Run(args);
}
