using System.CommandLine;

namespace AiTune.Cli.Commands;

/// <summary>Options the tuning commands share (plan, apply, verify, rollback, status).</summary>
public sealed class TuningOptions
{
    public Option<string> Profile { get; } = new("--profile", "-p")
    {
        Description = "Profile(s): inference-latency, inference-throughput, training-throughput, hardened, balanced, a user profile, or a combination with '+'",
        Required = true,
    };

    public Option<string[]> ProfileFiles { get; } = new("--profile-file") { Description = "A profile file (TOML) to use besides the built-in ones and /etc/aitune/profiles.d; repeatable", DefaultValueFactory = ProfileCommand.NoValues };

    public Option<string?> Model { get; } = new("--model") { Description = "A safetensors or GGUF file: huge pages are sized for its tensor bytes" };

    public Option<string?> ModelSize { get; } = new("--model-size") { Description = "The model's size instead of a file (70GiB, 8G …)" };

    public Option<string?> StateDir { get; } = new("--state-dir") { Description = "Where the journal lives (default /var/lib/aitune, inside --root when given)" };

    public Option<bool> AllowIrreversible { get; } = new("--allow-irreversible") { Description = "Permit values only a reboot takes back (kernel.modules_disabled=1, kernel.kexec_load_disabled=1 …)" };

    public Option<int> MaxHugePagesShare { get; } = new("--max-hugepages-share")
    {
        Description = "Huge pages may hold at most this percentage of MemTotal",
        DefaultValueFactory = _ => 80,
    };
}
