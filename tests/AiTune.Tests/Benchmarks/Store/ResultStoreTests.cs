using AiTune.Benchmarks;
using AiTune.Benchmarks.Statistics;
using AiTune.Benchmarks.Store;
using Microsoft.Data.Sqlite;

namespace AiTune.Tests.Benchmarks.Store;

public class ResultStoreTests
{
    [Fact]
    public void A_realistic_run_comes_back_exactly_as_it_was_saved()
    {
        using var scratch = new ScratchDirectory();
        var run = BenchmarkRunSamples.Realistic();
        long id;
        using (var store = ResultStore.Open(scratch.File("results.db")))
        {
            id = store.Save(run);
        }

        using (var reopened = ResultStore.Open(scratch.File("results.db")))
        {
            var loaded = reopened.Load(id);
            Assert.Equal(id, loaded.Id);
            RunAssert.Equal(run with { Id = id, Uid = RunIdentity.Derived(run) }, loaded);
            Assert.Equal(TimeSpan.FromHours(1), loaded.StartedAt.Offset);
            Assert.True(loaded.Partial);
            Assert.Equal(CaseOutcome.Skipped, loaded.Cases[1].Outcome);
            Assert.StartsWith("transparent huge pages are off", loaded.Cases[1].Reason);
            Assert.Equal(double.Epsilon, loaded.Cases[2].Metrics[0].Samples[0]);
            Assert.Equal(double.MaxValue, loaded.Cases[2].Metrics[0].Samples[1]);
            Assert.Equal("日本語のメモ", loaded.Cases[0].Notes[1]);
        }
    }

    [Fact]
    public void A_new_database_is_private_to_its_owner_and_so_is_a_directory_it_creates()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Join(scratch.Path, "data", "aitune", "results.db");
        using (ResultStore.Open(path))
        {
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        using var store = ResultStore.Open(path);
        Assert.Equal(Path.GetFullPath(path), store.Path);
    }

    [Fact]
    public void The_database_is_identified_versioned_and_readable_with_plain_sql()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("results.db");
        using (var store = ResultStore.Open(path))
        {
            store.Save(BenchmarkRunSamples.Realistic());
        }

        using var sql = RawConnection(path);
        Assert.Equal(0x41695475L, Scalar(sql, "PRAGMA application_id"));
        Assert.Equal(2L, Scalar(sql, "PRAGMA user_version"));
        Assert.Equal("delete", Scalar(sql, "PRAGMA journal_mode"));
        Assert.Equal(3.2171 + 3.19, (double)Scalar(sql, "SELECT sum(value) FROM sample_view WHERE case_name = 'read/4k' AND metric = 'throughput' AND position < 2"), 12);
        Assert.Equal("skipped", Scalar(sql, "SELECT outcome FROM cases WHERE name = 'mmap/thp'"));
        Assert.Equal("model-load,memory", Scalar(sql, "SELECT suites FROM runs"));
        Assert.Equal("inference-throughput", Scalar(sql, "SELECT applied_profile FROM runs"));
        Assert.Equal("2025-03-14T08:26:53.5358979Z", Scalar(sql, "SELECT started_at FROM runs"));
    }

    [Fact]
    public void Ids_grow_and_are_never_reused_after_a_delete()
    {
        using var scratch = new ScratchDirectory();
        using var store = ResultStore.Open(scratch.File("results.db"));
        long first = store.Save(Simple("a"));
        long second = store.Save(Simple("b"));
        Assert.True(store.Delete(second));
        Assert.False(store.Delete(second));
        long third = store.Save(Simple("c"));

        Assert.Equal([1L, 2L, 3L], [first, second, third]);
        Assert.Equal([3L, 1L], store.List().Select(r => r.Id));
    }

    [Fact]
    public void Delete_takes_the_cases_metrics_samples_and_notes_with_the_run()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("results.db");
        using (var store = ResultStore.Open(path))
        {
            long kept = store.Save(Simple("kept"));
            store.Delete(store.Save(BenchmarkRunSamples.Realistic()));
            Assert.Equal("kept", store.Load(kept).Label);
        }

        using var sql = RawConnection(path);
        Assert.Equal(1L, Scalar(sql, "SELECT count(*) FROM cases"));
        Assert.Equal(0L, Scalar(sql, "SELECT count(*) FROM case_notes"));
        Assert.Equal(1L, Scalar(sql, "SELECT count(*) FROM metrics"));
        Assert.Equal(3L, Scalar(sql, "SELECT count(*) FROM samples"));
    }

    [Fact]
    public void History_lists_newest_first_and_filters_by_label_kernel_host_and_count()
    {
        using var scratch = new ScratchDirectory();
        using var store = ResultStore.Open(scratch.File("results.db"));
        var start = BenchmarkRunSamples.Start;
        long old = store.Save(Simple("before") with { StartedAt = start.AddDays(-2), FinishedAt = start.AddDays(-2).AddMinutes(1) });
        long newest = store.Save(Simple("after") with { StartedAt = start.AddDays(1), FinishedAt = start.AddDays(1).AddMinutes(1) });
        long middle = store.Save(Simple("before") with
        {
            Environment = BenchmarkRunSamples.Environment("6.12.9-lts", "other-host"),
            Settings = RunSettingsRecord.Of(RunSettings.QuickLook),
        });
        long realistic = store.Save(BenchmarkRunSamples.Realistic() with { StartedAt = start.AddHours(-1) });

        Assert.Equal([newest, middle, realistic, old], store.List().Select(r => r.Id));
        Assert.Equal([middle, old], store.List(new RunQuery(Label: "before")).Select(r => r.Id));
        Assert.Equal([middle], store.List(new RunQuery(Kernel: "6.12.9-lts")).Select(r => r.Id));
        Assert.Equal([middle], store.List(new RunQuery(Hostname: "other-host")).Select(r => r.Id));
        Assert.Equal([newest, middle], store.List(new RunQuery(Limit: 2)).Select(r => r.Id));
        Assert.Empty(store.List(new RunQuery(Label: "before", Kernel: "5.15.0")));

        var summary = store.List(new RunQuery(Kernel: "6.8.0-51-generic")).Single(r => r.Id == realistic);
        Assert.Equal(start.AddHours(-1).UtcTicks, summary.StartedAt.UtcTicks);
        Assert.Equal(["model-load", "memory"], summary.Suites);
        Assert.Equal((4, 1, true, false), (summary.Cases, summary.SkippedCases, summary.Partial, summary.Quick));
        Assert.Equal(("gpu-node-7", "generic", "inference-throughput"), (summary.Hostname, summary.Flavor, summary.AppliedProfile));
        Assert.True(store.List(new RunQuery(Hostname: "other-host")).Single().Quick);
    }

    [Fact]
    public void A_limit_below_one_is_refused()
    {
        using var scratch = new ScratchDirectory();
        using var store = ResultStore.Open(scratch.File("results.db"));
        var error = Assert.Throws<AiTuneException>(() => store.List(new RunQuery(Limit: 0)));
        Assert.Contains("limit of 0", error.Message);
    }

    [Fact]
    public void Loading_an_unknown_id_names_the_ids_there_are()
    {
        using var scratch = new ScratchDirectory();
        using var store = ResultStore.Open(scratch.File("results.db"));
        var empty = Assert.Throws<AiTuneException>(() => store.Load(1));
        Assert.Contains("no run 1 in", empty.Message);
        Assert.Contains("holds no runs yet", empty.Hint);

        foreach (var label in new[] { "a", "b", "c", "d", "e" })
        {
            store.Save(Simple(label));
        }

        store.Delete(4);
        var error = Assert.Throws<AiTuneException>(() => store.Load(9));
        Assert.Equal("the stored runs are 1-3, 5; aitune bench history lists them", error.Hint);
    }

    [Fact]
    public void An_invalid_run_is_refused_and_nothing_of_a_batch_is_stored()
    {
        using var scratch = new ScratchDirectory();
        using var store = ResultStore.Open(scratch.File("results.db"));
        var bad = Simple("bad") with { Label = "two\nlines" };

        var error = Assert.Throws<AiTuneException>(() => store.SaveAll([Simple("good"), bad]));
        Assert.Contains("run 2", error.Message);
        Assert.Contains("U+000A", error.Message);
        Assert.Empty(store.List());
    }

    [Fact]
    public void A_string_with_a_broken_surrogate_is_refused_on_save()
    {
        using var scratch = new ScratchDirectory();
        using var store = ResultStore.Open(scratch.File("results.db"));
        var run = Simple("fine");
        var error = Assert.Throws<AiTuneException>(() => store.Save(run with { Environment = run.Environment with { CpuModel = "EPYC \ud800" } }));
        Assert.Contains("environment.cpuModel holds a broken UTF-16 surrogate", error.Message);
        Assert.Empty(store.List());
    }

    [Fact]
    public void A_failure_in_the_middle_of_a_batch_rolls_the_whole_batch_back()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("results.db");
        using (ResultStore.Open(path))
        {
        }

        // A trigger makes the second run's insert fail inside the transaction, after the first run's rows are in.
        using (var sql = RawConnection(path, readOnly: false))
        {
            Execute(sql, "CREATE TRIGGER refuse_second AFTER INSERT ON runs WHEN NEW.label = 'second' BEGIN SELECT RAISE(ABORT, 'refused'); END");
        }

        using (var store = ResultStore.Open(path))
        {
            var error = Assert.Throws<AiTuneException>(() => store.SaveAll([Simple("first"), Simple("second")]));
            Assert.Contains("refused", error.Message);
            Assert.StartsWith("nothing was stored", error.Hint);
            Assert.Empty(store.List());
        }
    }

    [Fact]
    public void A_run_changed_outside_aitune_into_something_invalid_is_refused_on_load()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("results.db");
        long id;
        using (var store = ResultStore.Open(path))
        {
            id = store.Save(Simple("fine"));
        }

        using (var sql = RawConnection(path, readOnly: false))
        {
            Execute(sql, "UPDATE cases SET reason = 'smuggled' || char(10) || 'line'");
        }

        using var reopened = ResultStore.Open(path);
        var error = Assert.Throws<AiTuneException>(() => reopened.Load(id));
        Assert.Contains($"run {id} in", error.Message);
        Assert.Contains("changed outside aitune", error.Hint);
    }

    [Fact]
    public void Another_process_creating_the_same_database_finds_the_tables_made_by_the_first()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("results.db");
        using var first = ResultStore.Open(path);
        using var second = ResultStore.Open(path);
        long id = first.Save(Simple("shared"));

        Assert.Equal("shared", second.Load(id).Label);
    }

    internal static BenchmarkRun Simple(string label) =>
        BenchmarkRunSamples.Create(label, ("memory", "copy", "bandwidth", MetricDirection.HigherIsBetter, [10.5, 10.25, 10.75]));

    internal static SqliteConnection RawConnection(string path, bool readOnly = true)
    {
        SqliteLibrary.EnsureReady();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    internal static object Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
