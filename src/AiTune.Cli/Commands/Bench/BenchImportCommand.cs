using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
using AiTune.Services.Benchmarking;

namespace AiTune.Cli.Commands.Bench;

/// <summary>`aitune bench import FILE`: the runs of an export, checked strictly, stored all together or not at
/// all, under new ids.</summary>
public static class BenchImportCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var store = new StoreOptions();
        var file = new Argument<string>("file") { Description = "A file written by aitune bench export, or - for standard input" };
        var command = new Command("import", "Store the runs of an export from another machine, under new ids")
        {
            file, store.Database,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.BenchImport.For("bench import", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            printed.Render(StoredRuns.Import(parse.GetValue(store.Database), parse.GetValue(file)!, Console.OpenStandardInput));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
