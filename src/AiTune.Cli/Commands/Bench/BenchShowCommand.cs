using System.CommandLine;
using System.Text.Json;
using AiTune.Benchmarks.Store;
using AiTune.Cli.Rendering;
using AiTune.Services.Benchmarking;

namespace AiTune.Cli.Commands.Bench;

/// <summary>`aitune bench show ID`: a stored run as `aitune bench` printed it when it was measured: each metric's
/// median and interval under its case, what could not run, the host's load, the notes.</summary>
public static class BenchShowCommand
{
    public static Command Create(GlobalOptions options, StoreOptions store, TextWriter output, TextWriter error)
    {
        var id = new Argument<long>("ID") { Description = "The run's id, as aitune bench history lists it" };
        var command = new Command("show", "A stored run as bench printed it: medians with their intervals, skipped cases, the host's load, notes")
        {
            id, store.Database, options.Json,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var run = StoredRuns.Load(parse.GetValue(store.Database), parse.GetValue(id));
            if (parse.GetValue(options.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(BenchmarkRunsDocument.Summarized(run), StoreJsonContext.Readable.BenchmarkRunsDocument));
            }
            else
            {
                BenchRunTextRenderer.Render(run, ConsoleFactory.Create(output, parse.GetValue(options.NoColor)));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
