namespace AiTune.Benchmarks.Store;

/// <summary>
/// The tables of the results database, meant to be read with the sqlite3 shell as well as by aitune: one row per
/// run, case, metric and sample, times as sortable UTC text, enums as the names the JSON documents use, and views
/// that join them back together. Samples are rows, not a packed array: a REAL column holds the IEEE 754 double
/// bit for bit, and SQL can aggregate them (`SELECT avg(value) FROM sample_view WHERE metric = 'throughput'`);
/// a few thousand rows per run is nothing to SQLite.
/// </summary>
internal static class ResultStoreSchema
{
    /// <summary>"AiTu" in the database header (PRAGMA application_id): how aitune tells its database from any
    /// other SQLite file (file(1) prints it too).</summary>
    public const int ApplicationId = 0x41695475;

    /// <summary>PRAGMA user_version: the shape of the tables below. A database with a higher version was written by
    /// a newer aitune and is refused rather than misread; an older one is migrated (<see cref="MigrateToVersion2"/>) when it
    /// is opened for writing, and read as it is when it cannot be written.</summary>
    public const int Version = 2;

    /// <summary>What version 2 added: each run's identity across databases (<see cref="RunIdentity"/>) and the
    /// host's load while it ran, and each case's workload parameters (JSON). The columns come last and may be NULL,
    /// as ALTER TABLE adds them, so a migrated database and a new one have the same shape; the runs of a version 1
    /// database get derived identities (filled in by <see cref="ResultStore"/>) and no load or parameters.</summary>
    public const string MigrateToVersion2 = """
        ALTER TABLE runs ADD COLUMN uid TEXT;
        ALTER TABLE runs ADD COLUMN load TEXT;
        ALTER TABLE cases ADD COLUMN parameters TEXT;
        """;

    /// <summary>After the identities are filled in: one run per identity.</summary>
    public const string IndexUid = "CREATE UNIQUE INDEX runs_uid ON runs (uid);";

    /// <summary>Ids are AUTOINCREMENT so an id is never reused: a run id noted down (or passed to compare) means
    /// that run or none, even after the newest run was deleted. Child rows go with their run (ON DELETE CASCADE;
    /// the connection turns foreign keys on).</summary>
    public const string Create = """
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
            environment TEXT NOT NULL,
            uid TEXT,
            load TEXT
        );
        CREATE UNIQUE INDEX runs_uid ON runs (uid);
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
            parameters TEXT,
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
}
