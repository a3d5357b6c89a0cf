using System.CommandLine;
using AiTune.Benchmarks;

namespace AiTune.Cli.Commands.Bench;

/// <summary>`aitune bench`: the suites, all of them, and the result store's commands.</summary>
public static class BenchCommand
{
    public static Command Create(GlobalOptions options, TextWriter output, TextWriter error)
    {
        var store = new StoreOptions();
        var command = new Command("bench", "Measure what matters to AI hosts (model loading, memory, scheduler, loopback, disk, kernel paths) with honest statistics; store, list and compare runs");
        foreach (var suite in BenchmarkSuites.All)
        {
            command.Subcommands.Add(BenchRunCommand.Create(suite, options, store, output, error));
        }

        command.Subcommands.Add(BenchRunCommand.Create(null, options, store, output, error));
        command.Subcommands.Add(BenchCompareCommand.Create(options, store, output, error));
        command.Subcommands.Add(BenchHistoryCommand.Create(options, output, error));
        command.Subcommands.Add(BenchShowCommand.Create(options, store, output, error));
        command.Subcommands.Add(BenchExportCommand.Create(options, output, error));
        command.Subcommands.Add(BenchImportCommand.Create(options, output, error));
        return command;
    }
}
