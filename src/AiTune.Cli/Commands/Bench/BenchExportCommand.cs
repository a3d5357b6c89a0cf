using System.CommandLine;
using AiTune.Cli.Rendering.Formats;
using AiTune.Services.Benchmarking;
using AiTune.Files;
using AiTune.Text;

namespace AiTune.Cli.Commands.Bench;

/// <summary>`aitune bench export [IDS...] -o FILE|-`: stored runs as one JSON document
/// (docs/schemas/bench-runs.schema.json), to import on another machine.</summary>
public static class BenchExportCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var store = new StoreOptions();
        var ids = new Argument<long[]>("ids") { Description = "The runs to export (default: every stored run)", Arity = ArgumentArity.ZeroOrMore };
        var outputPath = new Option<string>("--output", "-o") { Description = "The file to write (refused if it exists, unless --force), or - for standard output", Required = true };
        var force = ForceOption.Create();
        var command = new Command("export", "Write stored runs as JSON, to import them on another machine (aitune bench import)")
        {
            ids, store.Database, outputPath, force,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            // The export is JSON whatever --format says: it is a file for bench import, not a document to read.
            new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)).RequireText("bench export");
            var path = parse.GetValue(outputPath)!;
            bool replace = parse.GetValue(force);
            if (path != "-")
            {
                OutputFile.RequireWritable(path, replace);
            }

            var export = StoredRuns.Export(parse.GetValue(store.Database), parse.GetValue(ids) ?? []);
            var json = export.Utf8Json;
            if (path == "-")
            {
                output.WriteLine(System.Text.Encoding.UTF8.GetString(json));
            }
            else
            {
                // Whole or not at all: a temporary file beside it, synced, renamed into place; Ctrl-C removes it.
                using var interrupt = new InterruptSignal(error, "stopping; nothing is written");
                try
                {
                    OutputFile.Write(path, json.Length, replace, file =>
                    {
                        file.Write(json);
                        return json.Length;
                    }, interrupt.Token);
                }
                catch (OperationCanceledException) when (interrupt.Raised)
                {
                    error.WriteLine($"interrupted: {DisplayText.FilePath(path)} was not written");
                    return ExitCodes.Interrupted;
                }

                error.WriteLine($"exported {export.Runs} run(s) from {DisplayText.FilePath(export.Database)} to {DisplayText.FilePath(path)}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
