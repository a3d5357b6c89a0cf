using System.CommandLine;

namespace AiTune.Cli.Commands;

/// <summary>What to collect, the same for `aitune metrics` and `aitune serve` (one scrape is one `metrics`).</summary>
public sealed class MetricsRequestOptions
{
    public Option<string[]> Profiles { get; } = new("--profile", "-p")
    {
        Description = "A profile (or a combination with '+') whose audit is exported; repeat for several. Default: every profile aitune profile list shows",
        Arity = ArgumentArity.OneOrMore,
        DefaultValueFactory = ProfileCommand.NoValues,
    };

    public Option<string[]> ProfileFiles { get; } = ProfileCommand.ProfileFileOption();

    public Option<string?> Model { get; } = new("--model") { Description = "A safetensors or GGUF file: memory and huge page rules judge against its tensor bytes" };

    public Option<string?> ModelSize { get; } = new("--model-size") { Description = "The model's size instead of a file (bytes, or 70GiB, 8G …)" };

    public Option<string[]> Cgroups { get; } = new("--cgroup")
    {
        Description = "A cgroup (v2) whose pressure stalls are exported, as /proc/PID/cgroup names it (/system.slice/ollama.service); repeat for several",
        Arity = ArgumentArity.OneOrMore,
        DefaultValueFactory = ProfileCommand.NoValues,
    };

    public Option<string?> Database { get; } = new("--db") { Description = "The benchmark result store whose latest results are exported (default: this user's, when it exists)" };

    public Option<string?> StateDir { get; } = new("--state-dir") { Description = "Where the tuning journal lives (default /var/lib/aitune, inside --root when given)" };

    public IEnumerable<Option> All => [Profiles, ProfileFiles, Model, ModelSize, Cgroups, Database, StateDir];
}
