using System.CommandLine;
using System.Text.Json;
using AiTune.Benchmarks;
using AiTune.Benchmarks.Store;
using AiTune.Cli.Rendering;
using AiTune.Serialization;

namespace AiTune.Cli.Commands.Bench;

/// <summary>`aitune bench SUITE` and `aitune bench all`: run, store, print.</summary>
public static class BenchRunCommand
{
    /// <summary>Exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <param name="suite">The suite, or null for `bench all`.</param>
    public static Command Create(BenchmarkSuite? suite, GlobalOptions options, StoreOptions store, TextWriter output, TextWriter error)
    {
        var run = new BenchRunOptions();
        string name = suite?.Name ?? "all";
        var command = suite is null
            ? new Command("all", "Every suite in turn: " + string.Join(", ", BenchmarkSuites.All.Select(s => s.Name)))
            : new Command(suite.Name, suite.Summary);
        foreach (var option in run.For(name))
        {
            command.Options.Add(option);
        }

        command.Options.Add(store.Database);
        command.Options.Add(options.Json);
        command.SetAction(parse => CommandRunner.Run(parse, options, error, () =>
        {
            var suites = suite is null ? BenchmarkSuites.All : [suite];
            var suiteOptions = run.Suites(parse);
            using var interrupt = new InterruptSignal(error);
            var result = BenchExecution.Run(suites, suiteOptions, run.Settings(parse), parse.GetValue(run.Label), parse.GetValue(options.NoColor), interrupt.Token);
            string? storedIn = null;
            if (!parse.GetValue(run.NoSave) && result.Cases.Any(c => c.Metrics.Any(m => m.Samples.Count > 0)))
            {
                using var results = store.Open(parse);
                result = result with { Id = results.Save(result) };
                storedIn = results.Path;
            }

            return Report(result, storedIn, parse, options, output, error);
        }));
        return command;
    }

    /// <summary>Prints a run and turns it into the exit status: 130 when interrupted, 2 when nothing could be
    /// measured (every case skipped), 0 otherwise.</summary>
    public static int Report(BenchmarkRun result, string? storedIn, ParseResult parse, GlobalOptions options, TextWriter output, TextWriter error)
    {
        if (parse.GetValue(options.Json))
        {
            output.WriteLine(JsonSerializer.Serialize(BenchmarkRunsDocument.Summarized(result), StoreJsonContext.Readable.BenchmarkRunsDocument));
        }
        else
        {
            BenchRunTextRenderer.Render(result, ConsoleFactory.Create(output, parse.GetValue(options.NoColor)));
            if (storedIn is not null)
            {
                output.WriteLine($"stored as run {result.Id} in {Text.DisplayText.Escape(storedIn)}; compare it with: aitune bench compare <earlier id> {result.Id}");
            }
        }

        if (result.Partial)
        {
            error.WriteLine($"interrupted: the results so far are {(storedIn is null ? "printed" : $"kept as run {result.Id}")}, marked partial");
            return Interrupted;
        }

        if (result.Cases.Count > 0 && result.Cases.All(c => c.Outcome == CaseOutcome.Skipped))
        {
            // Cases skipped for the same reason share it: one reason, said once.
            var reasons = result.Cases.GroupBy(c => c.Reason ?? "").Select(g => g.Count() == 1
                ? $"{g.First().FullName}: {g.Key}"
                : $"{g.First().FullName} and {g.Count() - 1} more case(s): {g.Key}");
            CommandRunner.Report(error, "nothing could be measured: " + string.Join("; ", reasons),
                "each reason says what the case needs; other suites or options may run here");
            return ExitCodes.UsageOrInput;
        }

        return ExitCodes.Ok;
    }
}
