using System.CommandLine;
using System.Text.Json;
using AiTune.Benchmarks.Store;
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
        command.SetAction(parse => CommandRunner.Run(parse, options, error, () =>
        {
            var path = parse.GetValue(file)!;
            BenchmarkRunsDocument document;
            using (var stream = path == "-" ? Console.OpenStandardInput() : OpenFile(path))
            {
                document = BenchmarkRunsDocument.Read(stream, path);
            }

            using var results = store.Open(parse);
            var stored = results.SaveAll(document.Runs);
            var ids = stored.Where(s => !s.AlreadyStored).Select(s => s.Id).Distinct().ToList();
            var already = stored.Where(s => s.AlreadyStored).Select(s => s.Id).Distinct().Where(id => !ids.Contains(id)).ToList();
            if (parse.GetValue(options.Json))
            {
                var report = new RunImportReport(RunImportReport.CurrentSchemaVersion, results.Path, ids, already);
                output.WriteLine(JsonSerializer.Serialize(report, AiTuneJsonContext.Readable.RunImportReport));
            }
            else
            {
                var database = DisplayText.Escape(results.Path);
                if (stored.Count == 0)
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

    private static FileStream OpenFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new AiTuneException($"cannot read {DisplayText.Escape(path)}: there is no such file", "give the file aitune bench export -o wrote");
        }

        return File.OpenRead(path);
    }
}
