using System.CommandLine;
using AiTune.Benchmarks.Store;
using AiTune.Cli.Rendering.Formats;
using AiTune.Services.Benchmarking;

namespace AiTune.Cli.Commands.Bench;

/// <summary>`aitune bench history`: the stored runs, newest first, with the ids compare and export take.</summary>
public static class BenchHistoryCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var store = new StoreOptions();
        var limit = new Option<int?>("--limit", "-n") { Description = "At most this many runs, the newest" };
        var label = new Option<string?>("--label") { Description = "Only runs with this label" };
        var kernel = new Option<string?>("--kernel") { Description = "Only runs on this kernel release (as uname -r prints it)" };
        var host = new Option<string?>("--host") { Description = "Only runs on this host name" };
        var command = new Command("history", "The stored benchmark runs, newest first, with the ids that compare and export take")
        {
            store.Database, limit, label, kernel, host,
        };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(options.Debug), error, () =>
        {
            var printed = DocumentRenderers.BenchHistory.For("bench history", new OutputChoice(parse.GetValue(options.Format), parse.GetValue(options.Json), parse.GetValue(options.NoColor)), output);
            var query = new RunQuery(parse.GetValue(limit), parse.GetValue(label), parse.GetValue(kernel), parse.GetValue(host));
            printed.Render(StoredRuns.List(parse.GetValue(store.Database), query));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
