using System.CommandLine;
using System.Text.Json;
using AiTune.Benchmarks.Store;
using AiTune.Services.Benchmarking;
using AiTune.Serialization;
using AiTune.Text;

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
            file, store.Database, options.Json,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var path = parse.GetValue(file)!;
            var imported = StoredRuns.Import(parse.GetValue(store.Database), path, Console.OpenStandardInput);
            var (ids, already) = (imported.Ids, imported.AlreadyStored);
            if (parse.GetValue(options.Json))
            {
                var report = new RunImportReport(RunImportReport.CurrentSchemaVersion, imported.Database, ids, already);
                output.WriteLine(JsonSerializer.Serialize(report, AiTuneJsonContext.Readable.RunImportReport));
            }
            else
            {
                var database = DisplayText.Escape(imported.Database);
                if (imported.RunsInSource == 0)
                {
                    output.WriteLine($"{DisplayText.Escape(path)} holds no runs: nothing imported into {database}");
                }

                if (ids.Count > 0)
                {
                    output.WriteLine($"imported {ids.Count} run(s) into {database} as id(s) {string.Join(", ", ids)}");
                }

                if (already.Count > 0)
                {
                    output.WriteLine($"{already.Count} run(s) were already in {database} (id(s) {string.Join(", ", already)}): not stored again");
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
