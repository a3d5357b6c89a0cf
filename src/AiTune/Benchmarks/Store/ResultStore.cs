using System.Globalization;
using System.Text.Json;
using AiTune.Benchmarks.Statistics;
using AiTune.Files;
using AiTune.Text;
using Microsoft.Data.Sqlite;

namespace AiTune.Benchmarks.Store;

/// <summary>
/// The benchmark runs of a host, kept in one SQLite file (<see cref="ResultStoreSchema"/>) so results outlive the
/// terminal and can be compared weeks later. An existing file is used only when it is an aitune results database
/// in good health (its application id, a schema version this aitune reads, SQLite's quick check), and it is
/// inspected read-only first: a damaged or foreign file gets an error and stays exactly as it was, never recreated
/// over. The database keeps SQLite's default rollback journal rather than WAL: it stays one self-contained file
/// at rest that can be copied to another machine, the writes are a few per run, and WAL's shared-memory file does
/// not work on every file system a home directory lives on. Every run saved or loaded is checked by
/// <see cref="RunValidator"/>; each save is one transaction.
/// </summary>
public sealed class ResultStore : IDisposable
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly SqliteConnection connection;

    /// <summary>The schema version of the open database: <see cref="ResultStoreSchema.Version"/>, or 1 for an old
    /// database that could not be migrated because it is read-only (its runs are read without the columns version 2
    /// added).</summary>
    private readonly long version;

    private ResultStore(string path, SqliteConnection connection, long version)
    {
        Path = path;
        this.connection = connection;
        this.version = version;
    }

    /// <summary>The database file, as a full path.</summary>
    public string Path { get; }

    /// <summary>Opens the results database at <paramref name="path"/>, creating it (0600, and its directory 0700
    /// when missing) if there is none.</summary>
    /// <exception cref="AiTuneException">The path is a directory or cannot be created, or the file is not a healthy
    /// aitune results database of a version this aitune reads; the file is then left untouched.</exception>
    public static ResultStore Open(string path)
    {
        SqliteLibrary.EnsureReady();
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new AiTuneException($"the results database {Show(full)} is a directory", "pass --db with the path of a file, such as results.db");
        }

        bool empty = CreateIfAbsent(full) || Inspect(full);
        var connection = Connect(full, SqliteOpenMode.ReadWrite);
        try
        {
            if (empty)
            {
                // IMMEDIATE: two aitune processes creating the same new file serialise here, and the second finds
                // the tables the first made.
                using var transaction = connection.BeginTransaction(deferred: false);
                if (Identify(connection, full))
                {
                    Execute(connection, ResultStoreSchema.Create);
                    Execute(connection, $"PRAGMA application_id = {ResultStoreSchema.ApplicationId}; PRAGMA user_version = {ResultStoreSchema.Version};");
                }

                transaction.Commit();
            }

            return new ResultStore(full, connection, Migrate(connection));
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new AiTuneException($"cannot use the results database {Show(full)}: {Show(e.Message)}", "check the file and its permissions, or pass --db with another path");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Stores one run in one transaction; returns its id (the run's own <see cref="BenchmarkRun.Id"/> is
    /// ignored), or the id it already has here when a run of the same <see cref="RunIdentity"/> is stored.</summary>
    public long Save(BenchmarkRun run) => SaveAll([run])[0].Id;

    /// <summary>Stores runs in one transaction, all or none (import); returns where each is, in order. A run whose
    /// <see cref="RunIdentity"/> is already stored (imported before, or twice in one file) is not stored again. Ids
    /// are never reused, so they grow with every run stored.</summary>
    /// <exception cref="AiTuneException">A run fails <see cref="RunValidator"/>, or SQLite cannot write (a full
    /// disk, an old database that is read-only): nothing is stored.</exception>
    public IReadOnlyList<StoredRun> SaveAll(IReadOnlyList<BenchmarkRun> runs)
    {
        for (int i = 0; i < runs.Count; i++)
        {
            RunValidator.Check(runs[i], runs.Count == 1 ? "the run" : $"run {i + 1}", "nothing was stored");
        }

        if (version < ResultStoreSchema.Version)
        {
            throw new AiTuneException($"cannot store runs in {Show(Path)}: it was written by an older aitune and is read-only here, so it cannot be brought up to date",
                "make it writable for this user (aitune then migrates it, keeping every run), or pass --db with another path");
        }

        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var inserts = new RunInserts(connection);
            var stored = new List<StoredRun>();
            foreach (var run in runs)
            {
                string uid = RunIdentity.Of(run);
                stored.Add(StoredIdOf(uid) is { } existing ? new StoredRun(existing, true) : new StoredRun(inserts.Insert(run, uid), false));
            }

            transaction.Commit();
            return stored;
        }
        catch (SqliteException e)
        {
            throw new AiTuneException($"cannot store runs in {Show(Path)}: {Show(e.Message)}",
                "nothing was stored; check the free space and the file's permissions, or pass --db with another path", e);
        }
    }

    /// <summary>The run stored under <paramref name="id"/>, exactly as it was saved (samples bit for bit).</summary>
    /// <exception cref="AiTuneException">No run has that id (the message names the ids there are), or the stored
    /// run was changed outside aitune into something <see cref="RunValidator"/> refuses.</exception>
    public BenchmarkRun Load(long id)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = Command($"""
            SELECT label, started_at, started_offset_minutes, finished_at, finished_offset_minutes, partial, suites,
                   quick, warmup_count, minimum_count, maximum_count, target_relative_half_width, case_budget_seconds, environment,
                   {(version >= 2 ? "uid, load" : "NULL, NULL")}
            FROM runs WHERE id = $id
            """, ("$id", id));
        BenchmarkRun run;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                throw new AiTuneException($"no run {id} in {Show(Path)}", StoredIdsHint());
            }

            var settings = new RunSettingsRecord(reader.GetBoolean(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetDouble(11), reader.GetDouble(12));
            var environment = ReadJson(reader.GetString(13), StoreJson.Strict.RunEnvironment, id, "environment");
            run = new BenchmarkRun(id, NullableString(reader, 0), ReadTime(reader, 1, id), ReadTime(reader, 3, id), reader.GetBoolean(5),
                reader.GetString(6).Split(','), settings, environment, LoadCases(id),
                NullableString(reader, 14), NullableString(reader, 15) is { } load ? ReadJson(load, StoreJson.Strict.RunLoad, id, "load") : null);
            run = run with { Uid = run.Uid ?? RunIdentity.Derived(run) };
        }

        transaction.Commit();
        RunValidator.Check(run, $"run {id} in {Show(Path)}", "the database was changed outside aitune; delete the run or restore the file from a backup");
        return run;
    }

    /// <summary>The stored runs the query selects, newest first (by start time, then id).</summary>
    public IReadOnlyList<RunSummary> List(RunQuery? query = null)
    {
        query ??= new RunQuery();
        if (query.Limit is < 1)
        {
            throw new AiTuneException($"a limit of {query.Limit} lists nothing", "give a limit of 1 or more, or none for every run");
        }

        using var command = Command("""
            SELECT r.id, r.label, r.started_at, r.started_offset_minutes, r.finished_at, r.finished_offset_minutes, r.hostname,
                   r.kernel, r.flavor, r.applied_profile, r.suites, r.partial, r.quick,
                   (SELECT count(*) FROM cases c WHERE c.run_id = r.id),
                   (SELECT count(*) FROM cases c WHERE c.run_id = r.id AND c.outcome = 'skipped')
            FROM runs r
            WHERE ($label IS NULL OR r.label = $label) AND ($kernel IS NULL OR r.kernel = $kernel) AND ($hostname IS NULL OR r.hostname = $hostname)
            ORDER BY r.started_at DESC, r.id DESC
            LIMIT $limit
            """, ("$label", query.Label), ("$kernel", query.Kernel), ("$hostname", query.Hostname), ("$limit", query.Limit ?? -1));
        using var reader = command.ExecuteReader();
        var runs = new List<RunSummary>();
        while (reader.Read())
        {
            runs.Add(new RunSummary(reader.GetInt64(0), NullableString(reader, 1), ReadTime(reader, 2, reader.GetInt64(0)), ReadTime(reader, 4, reader.GetInt64(0)), reader.GetString(6),
                NullableString(reader, 7), NullableString(reader, 8), NullableString(reader, 9), reader.GetString(10).Split(','),
                reader.GetBoolean(11), reader.GetBoolean(12), reader.GetInt32(13), reader.GetInt32(14)));
        }

        return runs;
    }

    /// <summary>Removes a run with its cases, metrics and samples; false when there was none with that id.</summary>
    public bool Delete(long id)
    {
        using var command = Command("DELETE FROM runs WHERE id = $id", ("$id", id));
        return command.ExecuteNonQuery() > 0;
    }

    public void Dispose() => connection.Dispose();

    internal static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    internal static string EnumText<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>A command on <paramref name="connection"/>, in its current transaction (CreateCommand takes it).</summary>
    internal static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters) => Command(connection, sql, parameters);

    private List<CaseResult> LoadCases(long runId)
    {
        var notes = new Dictionary<long, List<string>>();
        using (var command = Command("""
            SELECT n.case_id, n.note FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE c.run_id = $run ORDER BY n.case_id, n.position
            """, ("$run", runId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                Add(notes, reader.GetInt64(0), reader.GetString(1));
            }
        }

        var samples = new Dictionary<long, List<double>>();
        using (var command = Command("""
            SELECT s.metric_id, s.value FROM samples s JOIN metrics m ON m.id = s.metric_id JOIN cases c ON c.id = m.case_id
            WHERE c.run_id = $run ORDER BY s.metric_id, s.position
            """, ("$run", runId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                Add(samples, reader.GetInt64(0), reader.GetDouble(1));
            }
        }

        var metrics = new Dictionary<long, List<MetricResult>>();
        using (var command = Command("""
            SELECT m.case_id, m.id, m.name, m.unit, m.direction FROM metrics m JOIN cases c ON c.id = m.case_id
            WHERE c.run_id = $run ORDER BY m.case_id, m.position
            """, ("$run", runId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var metric = new MetricResult(reader.GetString(2), reader.GetString(3), ParseEnum<MetricDirection>(reader.GetString(4), runId),
                    samples.GetValueOrDefault(reader.GetInt64(1)) ?? []);
                Add(metrics, reader.GetInt64(0), metric);
            }
        }

        var cases = new List<CaseResult>();
        using (var command = Command($"""
            SELECT id, suite, name, description, outcome, reason, warmup_count, elapsed_seconds, {(version >= 2 ? "parameters" : "NULL")}
            FROM cases WHERE run_id = $run ORDER BY position
            """, ("$run", runId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                long caseId = reader.GetInt64(0);
                cases.Add(new CaseResult(reader.GetString(1), reader.GetString(2), reader.GetString(3), ParseEnum<CaseOutcome>(reader.GetString(4), runId),
                    NullableString(reader, 5), reader.GetInt32(6), reader.GetDouble(7), metrics.GetValueOrDefault(caseId) ?? [], notes.GetValueOrDefault(caseId) ?? [],
                    NullableString(reader, 8) is { } parameters ? ReadJson(parameters, StoreJson.Strict.IReadOnlyDictionaryStringString, runId, "case parameters") : null));
            }
        }

        return cases;
    }

    private string StoredIdsHint()
    {
        using var command = Command("SELECT id FROM runs ORDER BY id");
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids.Count == 0
            ? "the database holds no runs yet: aitune bench stores every run it makes"
            : $"the stored runs are {Ranges(ids)}; aitune bench history lists them";
    }

    /// <summary>"1-4, 7, 9-12": ids as a person reads them.</summary>
    private static string Ranges(List<long> ids)
    {
        var parts = new List<string>();
        for (int i = 0; i < ids.Count;)
        {
            int j = i;
            while (j + 1 < ids.Count && ids[j + 1] == ids[j] + 1)
            {
                j++;
            }

            parts.Add(j == i ? $"{ids[i]}" : $"{ids[i]}-{ids[j]}");
            i = j + 1;
        }

        return string.Join(", ", parts);
    }

    private T ReadJson<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, long runId, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new JsonException($"the {what} is null");
        }
        catch (JsonException e)
        {
            throw new AiTuneException($"run {runId} in {Show(Path)} has an unreadable {what}: {FileErrors.Describe(e)}",
                "the database was changed outside aitune; delete the run or restore the file from a backup");
        }
    }

    private long? StoredIdOf(string uid)
    {
        using var command = Command("SELECT id FROM runs WHERE uid = $uid", ("$uid", uid));
        return command.ExecuteScalar() is long id ? id : null;
    }

    /// <summary>Brings a version 1 database up to <see cref="ResultStoreSchema.Version"/> in one transaction, every run
    /// kept; returns the version the database now has. A database that cannot be written stays as it is and is read
    /// as version 1.</summary>
    private static long Migrate(SqliteConnection connection)
    {
        if (Scalar(connection, "PRAGMA user_version") >= ResultStoreSchema.Version)
        {
            return ResultStoreSchema.Version;
        }

        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            // Another aitune may have migrated it while this one waited for the lock.
            long found = Scalar(connection, "PRAGMA user_version");
            if (found < ResultStoreSchema.Version)
            {
                Execute(connection, ResultStoreSchema.MigrateToVersion2);
                FillDerivedIdentities(connection);
                Execute(connection, ResultStoreSchema.IndexUid);
                Execute(connection, $"PRAGMA user_version = {ResultStoreSchema.Version};");
            }

            transaction.Commit();
            return ResultStoreSchema.Version;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_READONLY)
        {
            return Scalar(connection, "PRAGMA user_version");
        }
    }

    /// <summary>The runs of a version 1 database get the identity an old export of them derives too.</summary>
    private static void FillDerivedIdentities(SqliteConnection connection)
    {
        var derived = new List<(long Id, string Uid)>();
        using (var select = Command(connection, "SELECT id, hostname, started_at, started_offset_minutes, finished_at, finished_offset_minutes, label, suites FROM runs"))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var started = ParseStoredTime(reader.GetString(2), reader.GetInt32(3));
                var finished = ParseStoredTime(reader.GetString(4), reader.GetInt32(5));
                derived.Add((reader.GetInt64(0), RunIdentity.Derived(reader.GetString(1), started ?? default, finished ?? default, NullableString(reader, 6), reader.GetString(7).Split(','))));
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, uid) in derived)
        {
            // Two old runs alike to the tick cannot both keep the identity: the later one gets its own.
            string unique = seen.Add(uid) ? uid : Guid.CreateVersion7().ToString();
            using var update = Command(connection, "UPDATE runs SET uid = $uid WHERE id = $id", ("$uid", unique), ("$id", id));
            update.ExecuteNonQuery();
        }
    }

    private TEnum ParseEnum<TEnum>(string text, long runId) where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (EnumText(value) == text)
            {
                return value;
            }
        }

        throw new AiTuneException($"run {runId} in {Show(Path)} holds the unknown value {Show(text)}",
            "the database was changed outside aitune, or by a newer aitune; delete the run or restore the file from a backup");
    }

    private static void Add<T>(Dictionary<long, List<T>> lists, long key, T value)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        list.Add(value);
    }

    private static string? NullableString(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    /// <summary>Reads the UTC text at <paramref name="column"/> and the offset in minutes after it, giving back
    /// the time with the offset it was measured with, to the tick.</summary>
    private DateTimeOffset ReadTime(SqliteDataReader reader, int column, long runId)
    {
        var text = reader.GetString(column);
        int offset = reader.GetInt32(column + 1);
        return ParseStoredTime(text, offset)
            ?? throw new AiTuneException($"run {runId} in {Show(Path)} holds the time {Show(text)} (offset {offset} min), not one aitune wrote",
                "the database was changed outside aitune; delete the run or restore the file from a backup");
    }

    private static DateTimeOffset? ParseStoredTime(string text, int offsetMinutes) =>
        DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc)
            && offsetMinutes is >= -14 * 60 and <= 14 * 60
            ? new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes))
            : null;

    /// <summary>Creates an empty file for SQLite to fill, so the mode is 0600 from the first byte (SQLite would
    /// create it 0644); false when there already is one.</summary>
    private static bool CreateIfAbsent(string path)
    {
        if (File.Exists(path))
        {
            return false;
        }

        try
        {
            var directory = System.IO.Path.GetDirectoryName(path)!;
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, DirectoryMode);
            }

            using var file = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false; // another aitune created it a moment ago
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AiTuneException($"cannot create the results database {Show(path)}: {FileErrors.Describe(e)}", "pass --db with a path in a writable directory");
        }
    }

    /// <summary>The read-only look at an existing file before anything may write to it: true when it holds
    /// nothing yet.</summary>
    private static bool Inspect(string path)
    {
        try
        {
            using var connection = Connect(path, SqliteOpenMode.ReadOnly);
            if (Identify(connection, path))
            {
                return true;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(3)";
            using var reader = command.ExecuteReader();
            var problems = new List<string>();
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }

            if (problems is not ["ok"])
            {
                throw Damaged(path, string.Join("; ", problems));
            }

            return false;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_CANTOPEN)
        {
            throw new AiTuneException($"cannot open the results database {Show(path)}: {Show(e.Message)}",
                "check its permissions (root's results database is readable by root only), or pass --db with another path");
        }
        catch (SqliteException e)
        {
            throw Damaged(path, e.Message);
        }
    }

    /// <summary>True for a database with nothing in it (a new, empty file); false for an aitune database this
    /// aitune reads; throws for anything else. Not PRAGMA page_count: inside a write transaction SQLite already
    /// counts the first page of an empty file.</summary>
    private static bool Identify(SqliteConnection connection, string path)
    {
        if (Scalar(connection, "SELECT count(*) FROM sqlite_master") == 0
            && Scalar(connection, "PRAGMA application_id") == 0 && Scalar(connection, "PRAGMA user_version") == 0)
        {
            return true;
        }

        long applicationId = Scalar(connection, "PRAGMA application_id");
        if (applicationId != ResultStoreSchema.ApplicationId)
        {
            throw new AiTuneException($"{Show(path)} is an SQLite database of another application (application_id {applicationId}), not aitune's results",
                "aitune leaves it untouched: pass --db with another path");
        }

        long version = Scalar(connection, "PRAGMA user_version");
        if (version > ResultStoreSchema.Version)
        {
            throw new AiTuneException($"the results database {Show(path)} has schema version {version}; this aitune reads version {ResultStoreSchema.Version}",
                "it was written by a newer aitune: use that one, or pass --db with another path");
        }

        if (version < 1)
        {
            throw Damaged(path, $"schema version {version}");
        }

        return false;
    }

    private static AiTuneException Damaged(string path, string problem) =>
        new($"the results database {Show(path)} is damaged or not a database: {Show(problem)}",
            $"aitune leaves it untouched: try sqlite3 {Show(path)} .recover, move it aside, or pass --db with another path");

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            ForeignKeys = true,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Show(string text) => DisplayText.Escape(text);
}
