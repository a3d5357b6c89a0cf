using System.CommandLine;
using AiTune.Cli.Rendering.Formats;

namespace AiTune.Cli;

/// <summary>Options every command shares.</summary>
public sealed class GlobalOptions
{
    public GlobalOptions()
    {
        Format.AcceptOnlyFromAmong([.. OutputFormats.Names]);
    }

    public Option<bool> Debug { get; } = new("--debug") { Description = "Print stack traces of internal errors", Recursive = true };

    public Option<bool> NoColor { get; } = new("--no-color") { Description = "No colours (also: NO_COLOR, or output that is not a terminal)", Recursive = true };

    public Option<string?> Root { get; } = new("--root") { Description = "The host to read: / (default, this host), a directory holding a host tree, or a snapshot .tar.gz" };

    /// <summary>One format option for every command: each says which formats its document has, and refuses the others.</summary>
    public Option<string?> Format { get; } = new("--format")
    {
        Description = "Output format: text (default), json (the documents of docs/schemas) or md; a command without one says which it has",
        Recursive = true,
    };

    /// <summary>--format json, kept under the name scripts already use.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print the JSON document (see docs/schemas): the same as --format json", Recursive = true };
}
