using System.CommandLine;
using AiTune.Benchmarks.Store;
using AiTune.Models;
using AiTune.Tuning.Writing;

namespace AiTune.Cli.Commands.Bench;

/// <summary>`aitune bench export [IDS...] -o FILE|-`: stored runs as one JSON document
/// (docs/schemas/bench-runs.schema.json), to import on another machine.</summary>
public static class BenchExportCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var store = new StoreOptions();
        var ids = new Argument<long[]>("ids") { Description = "The runs to export (default: every stored run)", Arity = ArgumentArity.ZeroOrMore };
        var outputPath = new Option<string>("--output", "-o") { Description = "The file to write, or - for standard output", Required = true };
        var command = new Command("export", "Write stored runs as JSON, to import them on another machine (aitune bench import)")
        {
            ids, store.Database, outputPath,
        };
        command.SetAction(parse => CommandRunner.Run(parse, options, error, () =>
        {
            var path = parse.GetValue(outputPath)!;
            using var results = store.Open(parse);
            var chosen = parse.GetValue(ids) is { Length: > 0 } given
                ? given.Distinct().ToList()
                : results.List().Select(r => r.Id).Order().ToList();
            var runs = chosen.Select(results.Load).ToList();
            var json = BenchmarkRunsDocument.Of(runs).ToUtf8Json();
            if (path == "-")
            {
                output.WriteLine(System.Text.Encoding.UTF8.GetString(json));
            }
            else
            {
                Write(path, json);
                error.WriteLine($"exported {runs.Count} run(s) from {DisplayText.Escape(results.Path)} to {DisplayText.Escape(path)}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Replaces <paramref name="path"/> atomically and durably: a temporary file beside it, synced, renamed
    /// over it, the directory synced, so an interrupted export never leaves half a document.</summary>
    private static void Write(string path, byte[] json)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new AiTuneException($"cannot write {DisplayText.Escape(path)}: {DisplayText.Escape(directory)} does not exist", "create the directory first, or choose another -o path");
        }

        var temporary = $"{full}.tmp-{Environment.ProcessId}";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(json);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
            DurableFiles.FsyncDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new AiTuneException($"cannot write {DisplayText.Escape(path)}: {DisplayText.Escape(e.Message)}", "choose a writable path with -o");
        }
    }
}
