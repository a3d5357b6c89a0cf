using System.CommandLine;

namespace AiTune.Cli.Commands;

/// <summary>--force, the same for every command that writes a file with -o: without it an existing file is refused;
/// with it the file is replaced atomically (renamed over), so the old one stays whole until the new one is complete.</summary>
public static class ForceOption
{
    public static Option<bool> Create() => new("--force")
    {
        Description = "Replace the -o file if it exists (atomically: the old file stays whole until the new one is complete)",
    };
}
