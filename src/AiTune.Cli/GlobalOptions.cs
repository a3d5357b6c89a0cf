using System.CommandLine;

namespace AiTune.Cli;

/// <summary>Options every command shares.</summary>
public sealed class GlobalOptions
{
    public Option<bool> Debug { get; } = new("--debug") { Description = "Print stack traces of internal errors", Recursive = true };

    public Option<bool> NoColor { get; } = new("--no-color") { Description = "No colours (also: NO_COLOR, or output that is not a terminal)", Recursive = true };

    public Option<string?> Root { get; } = new("--root") { Description = "The host to read: / (default, this host), a directory holding a host tree, or a snapshot .tar.gz" };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the JSON document (see docs/schemas)" };
}
