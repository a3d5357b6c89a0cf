using System.CommandLine;
using AiTune.Benchmarks.Store;

namespace AiTune.Cli.Commands.Bench;

/// <summary>The results database the bench commands read and write: --db, or the default for this user.</summary>
public sealed class StoreOptions
{
    public Option<string?> Database { get; } = new("--db")
    {
        Description = "The results database (default: $XDG_DATA_HOME/aitune/results.db, else ~/.local/share/aitune/results.db; /var/lib/aitune/results.db as root)",
    };

    /// <summary>Opens the database at --db or the default path, creating it when there is none.</summary>
    public ResultStore Open(ParseResult parse) =>
        ResultStore.Open(parse.GetValue(Database) is { Length: > 0 } path ? path : ResultStorePath.Default());
}
