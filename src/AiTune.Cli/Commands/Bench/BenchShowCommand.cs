using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
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
            id, store.Database,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.StoredRun.For("bench show", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            printed.Render(StoredRuns.Load(parse.GetValue(store.Database), parse.GetValue(id)));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
