using System.CommandLine;

namespace AiTune.Cli.Commands.Bench;

/// <summary>The results database the bench commands read and write: --db, or the default for this user.</summary>
public sealed class StoreOptions
{
    public Option<string?> Database { get; } = new("--db")
    {
        Description = "The results database (default: $XDG_DATA_HOME/aitune/results.db, else ~/.local/share/aitune/results.db; /var/lib/aitune/results.db as root)",
    };
}
