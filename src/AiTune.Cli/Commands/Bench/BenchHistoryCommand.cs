using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AiTune.Benchmarks.Store;
using AiTune.Cli.Rendering;
using AiTune.Serialization;
using AiTune.Services.Benchmarking;
using Spectre.Console;

namespace AiTune.Cli.Commands.Bench;

/// <summary>`aitune bench history`: the stored runs, newest first, with the ids compare and export take.</summary>
public static class BenchHistoryCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var store = new StoreOptions();
        var limit = new Option<int?>("--limit", "-n") { Description = "At most this many runs, the newest" };
        var label = new Option<string?>("--label") { Description = "Only runs with this label" };
        var kernel = new Option<string?>("--kernel") { Description = "Only runs on this kernel release (as uname -r prints it)" };
        var host = new Option<string?>("--host") { Description = "Only runs on this host name" };
        var command = new Command("history", "The stored benchmark runs, newest first, with the ids that compare and export take")
        {
            store.Database, limit, label, kernel, host, options.Json,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var query = new RunQuery(parse.GetValue(limit), parse.GetValue(label), parse.GetValue(kernel), parse.GetValue(host));
            var listed = StoredRuns.List(parse.GetValue(store.Database), query);
            var history = new RunHistory(RunHistory.CurrentSchemaVersion, listed.Database, listed.Runs);
            if (parse.GetValue(options.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(history, AiTuneJsonContext.Readable.RunHistory));
            }
            else
            {
                Render(history, listed.Filtered, ConsoleFactory.Create(output, parse.GetValue(options.NoColor)));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Render(RunHistory history, bool filtered, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]aitune bench history[/] of {Markup.Escape(history.Database)}");
        if (history.Runs.Count == 0)
        {
            console.MarkupLine(filtered ? "no stored run matches" : "no runs stored yet: aitune bench stores every run it makes");
            return;
        }

        // Values whole at any width (a ValueTable turns rows into blocks when they do not fit side by side).
        var table = new ValueTable()
            .Column("id", ValueColumnRole.Heading, rightAligned: true).Column("started", ValueColumnRole.Heading).Column("label", ValueColumnRole.Heading)
            .Column("host", ValueColumnRole.Detail).Column("kernel", ValueColumnRole.Detail).Column("profile", ValueColumnRole.Detail)
            .Column("suites", ValueColumnRole.Detail).Column("cases", ValueColumnRole.Detail).Column("notes", ValueColumnRole.Prose);
        foreach (var run in history.Runs)
        {
            var notes = new List<string>();
            if (run.Partial)
            {
                notes.Add("partial (interrupted)");
            }

            if (run.Quick)
            {
                notes.Add("quick");
            }

            var kernel = run.Kernel is null ? "unknown" : run.Flavor is null ? run.Kernel : $"{run.Kernel} ({run.Flavor})";
            table.Row(
                run.Id.ToString(CultureInfo.InvariantCulture),
                run.StartedAt.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture),
                Markup.Escape(run.Label ?? "-"),
                Markup.Escape(run.Hostname),
                Markup.Escape(kernel),
                Markup.Escape(run.AppliedProfile ?? "none"),
                Markup.Escape(string.Join(',', run.Suites)),
                run.SkippedCases == 0 ? $"{run.Cases}" : $"{run.Cases} ({run.SkippedCases} skipped)",
                Markup.Escape(string.Join(", ", notes)));
        }

        table.Write(console);
        console.MarkupLine($"{history.Runs.Count} run(s); compare two with aitune bench compare ID ID");
    }
}
