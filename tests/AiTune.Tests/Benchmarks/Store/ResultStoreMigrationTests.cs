using System.Text.Json;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Load;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Store;
using AiTune.Serialization;
using Microsoft.Data.Sqlite;

namespace AiTune.Tests.Benchmarks.Store;

/// <summary>A database written by an aitune of schema version 1 (before runs had identities, loads and workload
/// parameters) keeps every run: opened for writing it is migrated in place, opened where it cannot be written it is
/// read as it is; and a run is one run wherever it goes, so importing it again stores nothing.</summary>
public sealed class ResultStoreMigrationTests
{
    /// <summary>The tables of schema version 1, as aitune 0.1.0 created them.</summary>
    private const string VersionOneSchema = """
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                label TEXT,
                started_at TEXT NOT NULL,
                started_offset_minutes INTEGER NOT NULL,
                finished_at TEXT NOT NULL,
                finished_offset_minutes INTEGER NOT NULL,
                partial INTEGER NOT NULL CHECK (partial IN (0, 1)),
                suites TEXT NOT NULL,
                quick INTEGER NOT NULL CHECK (quick IN (0, 1)),
                warmup_count INTEGER NOT NULL,
                minimum_count INTEGER NOT NULL,
                maximum_count INTEGER NOT NULL,
                target_relative_half_width REAL NOT NULL,
                case_budget_seconds REAL NOT NULL,
                hostname TEXT NOT NULL,
                kernel TEXT,
                flavor TEXT,
                applied_profile TEXT,
                tool_version TEXT NOT NULL,
                environment TEXT NOT NULL
            );
            CREATE INDEX runs_started_at ON runs (started_at);
            CREATE INDEX runs_label ON runs (label);
            CREATE INDEX runs_kernel ON runs (kernel);
            CREATE INDEX runs_hostname ON runs (hostname);
    
            CREATE TABLE cases (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                suite TEXT NOT NULL,
                name TEXT NOT NULL,
                description TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('targetMet', 'maximumReached', 'budgetReached', 'interrupted', 'skipped')),
                reason TEXT,
                warmup_count INTEGER NOT NULL,
                elapsed_seconds REAL NOT NULL,
                UNIQUE (run_id, position),
                UNIQUE (run_id, suite, name)
            );
    
            CREATE TABLE case_notes (
                case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                note TEXT NOT NULL,
                PRIMARY KEY (case_id, position)
            ) WITHOUT ROWID;
    
            CREATE TABLE metrics (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                unit TEXT NOT NULL,
                direction TEXT NOT NULL CHECK (direction IN ('lowerIsBetter', 'higherIsBetter')),
                UNIQUE (case_id, position),
                UNIQUE (case_id, name)
            );
    
            CREATE TABLE samples (
                metric_id INTEGER NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                value REAL NOT NULL CHECK (value > 0),
                PRIMARY KEY (metric_id, position)
            ) WITHOUT ROWID;
    
            CREATE VIEW sample_view AS
                SELECT r.id AS run_id, r.label, r.started_at, r.kernel, c.suite, c.name AS case_name, m.name AS metric,
                       m.unit, m.direction, s.position, s.value
                FROM runs r
                JOIN cases c ON c.run_id = r.id
                JOIN metrics m ON m.case_id = c.id
                JOIN samples s ON s.metric_id = m.id;
        """;

    [Fact]
    public void A_version_1_database_is_migrated_and_keeps_its_runs_with_derived_identities()
    {
        using var scratch = new ScratchDirectory();
        var path = VersionOneDatabase(scratch);

        using (var store = ResultStore.Open(path))
        {
            var old = store.Load(1);
            Assert.Equal("before", old.Label);
            Assert.Equal([10.5, 10.25, 10.75], old.Cases[0].Metrics[0].Samples);
            Assert.Null(old.Cases[0].Parameters);
            Assert.Null(old.Load);
            Assert.Equal(RunIdentity.Derived("gpu-node-7", BenchmarkRunSamples.Start, BenchmarkRunSamples.Start.AddMinutes(3), "before", ["memory"]), old.Uid);
            long added = store.Save(Fresh());
            Assert.Equal(2, added);
            Assert.Equal("standard", store.Load(added).Cases[0].Parameters![CaseResult.ModeParameter]);
        }

        using var sql = ResultStoreTests.RawConnection(path);
        Assert.Equal(2L, ResultStoreTests.Scalar(sql, "PRAGMA user_version"));
        Assert.Equal(2L, ResultStoreTests.Scalar(sql, "SELECT count(DISTINCT uid) FROM runs"));
    }

    [Fact]
    public void An_old_export_of_a_migrated_run_is_not_stored_twice()
    {
        using var scratch = new ScratchDirectory();
        var path = VersionOneDatabase(scratch);
        using var store = ResultStore.Open(path);
        var old = store.Load(1);
        // An export made by aitune 0.1.0: schema version 1, no uid, no load, no parameters.
        var exported = BenchmarkRunsDocument.Of([old with { Uid = null }]) with { SchemaVersion = 1 };
        var document = BenchmarkRunsDocument.Parse(exported.ToUtf8Json(), "old.json");

        var stored = store.SaveAll(document.Runs);

        Assert.Equal([new StoredRun(1, AlreadyStored: true)], stored);
        Assert.Single(store.List());
    }

    [Fact]
    public void Importing_the_same_runs_twice_stores_them_once_and_says_where_they_are()
    {
        using var scratch = new ScratchDirectory();
        using var store = ResultStore.Open(scratch.File("results.db"));
        var runs = new[] { Fresh(), Fresh() };

        var first = store.SaveAll(runs);
        var again = store.SaveAll([runs[1], runs[0], runs[0]]);

        Assert.Equal([new StoredRun(1, false), new StoredRun(2, false)], first);
        Assert.Equal([new StoredRun(2, true), new StoredRun(1, true), new StoredRun(1, true)], again);
        Assert.Equal(2, store.List().Count);
    }

    [Fact]
    public void A_runs_identity_load_and_workload_parameters_come_back_as_they_were_saved()
    {
        using var scratch = new ScratchDirectory();
        using var store = ResultStore.Open(scratch.File("results.db"));
        var run = Fresh();

        var loaded = store.Load(store.Save(run));

        RunAssert.Equal(run with { Id = loaded.Id }, loaded);
        Assert.Equal(run.Uid, loaded.Uid);
        Assert.Equal(0.62, loaded.Load!.PeakOtherCpuShare);
        Assert.True(loaded.Load.Busy);
        Assert.Equal(new StallShare(71.7, null), loaded.Load.CpuPressure);
        Assert.Equal(["buffer-bytes", CaseResult.ModeParameter, "pages"], loaded.Cases[0].Parameters!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_version_1_database_that_cannot_be_written_is_read_as_it_is_and_refuses_new_runs()
    {
        using var scratch = new ScratchDirectory();
        var path = VersionOneDatabase(scratch);
        var bytes = File.ReadAllBytes(path);
        using var readOnly = new ReadOnlyDirectory(Path.GetDirectoryName(path)!);

        using var store = ResultStore.Open(path);
        var old = store.Load(1);
        var error = Assert.Throws<AiTuneException>(() => store.Save(Fresh()));

        Assert.Equal("before", old.Label);
        Assert.NotNull(old.Uid);
        Assert.Equal("before", Assert.Single(store.List()).Label);
        Assert.Contains("written by an older aitune and is read-only here", error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    /// <summary>A run as the runner makes them now: a uid, the host's load (a busy one), parameters.</summary>
    private static BenchmarkRun Fresh()
    {
        var run = BenchmarkRunSamples.Create("fresh", ("memory", "fault/4k", "fault-cost", MetricDirection.LowerIsBetter, [212.5, 209.75, 215.0]));
        return run with
        {
            Uid = Guid.CreateVersion7().ToString(),
            Load = new RunLoad(0.35, 0.62, "memory/fault/4k", 0, 0.5, new StallShare(71.7, null), new StallShare(0, 0), new StallShare(0.25, 0.125), 5.6),
            Cases = [run.Cases[0] with { Parameters = new Dictionary<string, string> { ["pages"] = "4k", ["buffer-bytes"] = "536870912", [CaseResult.ModeParameter] = "standard" } }],
        };
    }

    /// <summary>An aitune results database of schema version 1 holding one run ("before": memory/copy/bandwidth).</summary>
    private static string VersionOneDatabase(ScratchDirectory scratch)
    {
        var path = scratch.File("old.db");
        var environment = JsonSerializer.Serialize(BenchmarkRunSamples.Environment() with { VectorBits = null }, StoreJsonContext.Default.RunEnvironment)
            .Replace(",\n  \"clocksource\": null", "", StringComparison.Ordinal);
        SqliteLibrary.EnsureReady();
        using (var sql = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
        {
            sql.Open();
            ResultStoreTests.Execute(sql, VersionOneSchema);
            ResultStoreTests.Execute(sql, $"PRAGMA application_id = {0x41695475}; PRAGMA user_version = 1;");
            using var insert = sql.CreateCommand();
            insert.CommandText = """
                INSERT INTO runs (label, started_at, started_offset_minutes, finished_at, finished_offset_minutes, partial, suites, quick,
                    warmup_count, minimum_count, maximum_count, target_relative_half_width, case_budget_seconds, hostname, kernel, flavor,
                    applied_profile, tool_version, environment)
                VALUES ('before', '2025-03-14T08:26:53.5358979Z', 60, '2025-03-14T08:29:53.5358979Z', 60, 0, 'memory', 0, 1, 10, 100, 0.02, 30,
                    'gpu-node-7', '6.8.0-51-generic', 'generic', NULL, '0.1.0', $environment);
                INSERT INTO cases (run_id, position, suite, name, description, outcome, reason, warmup_count, elapsed_seconds)
                    VALUES (1, 0, 'memory', 'copy', 'memory copy', 'targetMet', NULL, 1, 2.5);
                INSERT INTO metrics (case_id, position, name, unit, direction) VALUES (1, 0, 'bandwidth', 'GB/s', 'higherIsBetter');
                INSERT INTO samples (metric_id, position, value) VALUES (1, 0, 10.5), (1, 1, 10.25), (1, 2, 10.75);
                """;
            insert.Parameters.AddWithValue("$environment", environment);
            insert.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        return path;
    }
}
