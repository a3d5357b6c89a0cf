using System.CommandLine;
using AiTune.Benchmarks;
using AiTune.Cli.Rendering;
using AiTune.Cli.Rendering.Formats;
using AiTune.Services.Benchmarking;

namespace AiTune.Cli.Commands.Bench;

/// <summary>`aitune bench SUITE` and `aitune bench all`: run, store, print.</summary>
public static class BenchRunCommand
{
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
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.BenchRun.For("bench " + name, new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var arguments = SuiteArgumentsFrom(parse, run);
            var request = new BenchRunRequest(suite is null ? BenchmarkSuites.All : [suite], arguments, parse.GetValue(store.Database), Save: !parse.GetValue(run.NoSave));
            bool noColor = parse.GetValue(options.NoColor);
            using var interrupt = new InterruptSignal(error);
            var outcome = new HostBenchmarking(AiTuneCli.Version).Run(request, work => BenchProgressDisplay.Session(noColor, work), interrupt.Token);
            printed.Render(outcome);
            return ExitCode(outcome, error);
        }));
        return command;
    }

    /// <summary>The suite options as given; an option a suite's command does not have (and `tune` has no --label or
    /// --model) parses as absent, not as its default. Shared with `tune`, which measures with the same options.</summary>
    internal static SuiteArguments SuiteArgumentsFrom(ParseResult parse, BenchRunOptions run) => new()
    {
        Quick = parse.GetValue(run.Quick),
        Label = parse.GetValue(run.Label),
        ScratchDirectory = parse.GetValue(run.ScratchDir),
        Model = parse.GetValue(run.Model),
        Synthetic = parse.GetValue(run.Synthetic),
        Strategy = parse.GetValue(run.Strategy),
        Pages = parse.GetValue(run.Pages),
        Warm = parse.GetValue(run.Warm),
        DropCaches = parse.GetValue(run.DropCaches),
        Threads = parse.GetValue(run.Threads),
        QueueDepth = parse.GetResult(run.QueueDepth) is null ? null : parse.GetValue(run.QueueDepth),
        BlockSize = parse.GetResult(run.BlockSize) is null ? null : parse.GetValue(run.BlockSize),
        DiskPath = parse.GetValue(run.DiskPath),
    };

    /// <summary>The exit status of a run: 130 when interrupted, 2 when nothing could be measured (every case skipped),
    /// 0 otherwise.</summary>
    private static int ExitCode(BenchRunOutcome outcome, TextWriter error)
    {
        var (result, storedIn) = (outcome.Run, outcome.StoredIn);
        if (result.Partial)
        {
            error.WriteLine($"interrupted: the results so far are {(storedIn is null ? "printed" : $"kept as run {result.Id}")}, marked partial");
            return ExitCodes.Interrupted;
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
