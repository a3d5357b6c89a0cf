using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace AiTune.Benchmarks.Store;

/// <summary>The prepared INSERTs that store runs, inside the caller's open transaction: each statement is compiled
/// once and bound per row, which keeps the thousands of sample rows of a run fast.</summary>
internal sealed partial class RunInserts : IDisposable
{
    private readonly SqliteCommand run;
    private readonly SqliteCommand benchmarkCase;
    private readonly SqliteCommand note;
    private readonly SqliteCommand metric;
    private readonly SqliteCommand sample;
    private readonly SqliteCommand lastId;

    public RunInserts(SqliteConnection connection)
    {
        run = Prepare(connection, """
            INSERT INTO runs (label, started_at, started_offset_minutes, finished_at, finished_offset_minutes, partial, suites, quick,
                warmup_count, minimum_count, maximum_count, target_relative_half_width, case_budget_seconds,
                hostname, kernel, flavor, applied_profile, tool_version, environment, uid, load)
            VALUES ($label, $started, $startedOffset, $finished, $finishedOffset, $partial, $suites, $quick,
                $warmup, $minimum, $maximum, $width, $budget, $hostname, $kernel, $flavor, $profile, $tool, $environment, $uid, $load)
            """);
        benchmarkCase = Prepare(connection, """
            INSERT INTO cases (run_id, position, suite, name, description, outcome, reason, warmup_count, elapsed_seconds, parameters)
            VALUES ($run, $position, $suite, $name, $description, $outcome, $reason, $warmup, $elapsed, $parameters)
            """);
        note = Prepare(connection, "INSERT INTO case_notes (case_id, position, note) VALUES ($case, $position, $note)");
        metric = Prepare(connection, """
            INSERT INTO metrics (case_id, position, name, unit, direction) VALUES ($case, $position, $name, $unit, $direction)
            """);
        sample = Prepare(connection, "INSERT INTO samples (metric_id, position, value) VALUES ($metric, $position, $value)");
        lastId = Prepare(connection, "SELECT last_insert_rowid()");
    }

    /// <summary>Stores one run (already validated) under <paramref name="uid"/> with everything under it; returns its id.</summary>
    public long Insert(BenchmarkRun value, string uid)
    {
        var environment = value.Environment;
        long runId = Insert(run,
            value.Label, ResultStore.FormatTime(value.StartedAt), (int)value.StartedAt.Offset.TotalMinutes,
            ResultStore.FormatTime(value.FinishedAt), (int)value.FinishedAt.Offset.TotalMinutes, value.Partial, string.Join(',', value.Suites),
            value.Settings.Quick, value.Settings.WarmupCount, value.Settings.MinimumCount, value.Settings.MaximumCount,
            value.Settings.TargetRelativeHalfWidth, value.Settings.CaseBudgetSeconds,
            environment.Hostname, environment.Kernel, environment.Flavor, environment.AppliedProfile, environment.ToolVersion,
            JsonSerializer.Serialize(environment, StoreJson.Strict.RunEnvironment), uid,
            value.Load is null ? null : JsonSerializer.Serialize(value.Load, StoreJson.Strict.RunLoad));
        for (int c = 0; c < value.Cases.Count; c++)
        {
            var result = value.Cases[c];
            long caseId = Insert(benchmarkCase, runId, c, result.Suite, result.Name, result.Description, ResultStore.EnumText(result.Outcome),
                result.Reason, result.WarmupCount, result.ElapsedSeconds,
                result.Parameters is null ? null : JsonSerializer.Serialize(result.Parameters, StoreJson.Strict.IReadOnlyDictionaryStringString));
            for (int n = 0; n < result.Notes.Count; n++)
            {
                Execute(note, caseId, n, result.Notes[n]);
            }

            for (int m = 0; m < result.Metrics.Count; m++)
            {
                var measured = result.Metrics[m];
                long metricId = Insert(metric, caseId, m, measured.Name, measured.Unit, ResultStore.EnumText(measured.Direction));
                for (int s = 0; s < measured.Samples.Count; s++)
                {
                    Execute(sample, metricId, s, measured.Samples[s]);
                }
            }
        }

        return runId;
    }

    public void Dispose()
    {
        foreach (var command in new[] { run, benchmarkCase, note, metric, sample, lastId })
        {
            command.Dispose();
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql)
    {
        var command = ResultStore.Command(connection, sql);
        foreach (Match name in ParameterName().Matches(sql))
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name.Value });
        }

        command.Prepare();
        return command;
    }

    /// <summary>Binds <paramref name="values"/> to the parameters in the order the SQL names them and runs the
    /// statement.</summary>
    private static void Execute(SqliteCommand command, params object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    /// <summary><see cref="Execute"/>, returning the new row's id.</summary>
    private long Insert(SqliteCommand command, params object?[] values)
    {
        Execute(command, values);
        return (long)lastId.ExecuteScalar()!;
    }

    [GeneratedRegex(@"\$[A-Za-z]+", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
