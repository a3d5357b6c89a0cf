using System.Globalization;
using AiTune.Services.Benchmarking;
using Spectre.Console;

namespace AiTune.Cli.Rendering;

/// <summary>`aitune bench history` for people: the stored runs, newest first, with the ids compare and export take.</summary>
public static class BenchHistoryTextRenderer
{
    public static void Render(StoredRunList history, IAnsiConsole console)
    {
        PlainLine.Write(console, $"[bold]aitune bench history[/] of {Markup.Escape(history.Database)}");
        if (history.Runs.Count == 0)
        {
            PlainLine.Write(console, history.Filtered ? "no stored run matches" : "no runs stored yet: aitune bench stores every run it makes");
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
        PlainLine.Write(console, $"{history.Runs.Count} run(s); compare two with aitune bench compare ID ID");
    }
}
