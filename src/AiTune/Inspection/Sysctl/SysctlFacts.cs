using AiTune.Facts;

namespace AiTune.Inspection.Sysctl;

/// <summary>Sysctl values as the kernel holds them now (from /proc/sys), and as the configuration files would
/// set them at the next boot (systemd-sysctl's precedence).</summary>
/// <param name="Runtime">Every sysctl aitune reads, by dotted key ("vm.swappiness"), raw text with whitespace
/// runs collapsed to one space ("4096 131072 6291456").</param>
/// <param name="Boot">The value each key would get at boot, with the file and line that wins.</param>
/// <param name="BootFiles">The sysctl configuration files in the order systemd-sysctl applies them.</param>
/// <remarks><see cref="Boot"/> is by exact key; glob assignments appear under their pattern. Use
/// <see cref="BootConfiguration"/> for what a glob sets on a given key, for masked files and for files that
/// could not be read.</remarks>
public sealed record SysctlFacts(
    IReadOnlyDictionary<string, Fact<string>> Runtime,
    IReadOnlyDictionary<string, BootSysctl> Boot,
    IReadOnlyList<string> BootFiles)
{
    /// <summary>The resolved configuration behind <see cref="Boot"/> and <see cref="BootFiles"/>.</summary>
    public BootSysctlConfiguration BootConfiguration { get; init; } = BootSysctlConfiguration.Empty;

    /// <summary>Every key the live kernel has under /proc/sys, listed only when a key aitune was asked to read is
    /// absent there (to name the closest key a misspelt one meant); null otherwise, and always on host trees and
    /// snapshots, which hold only the keys they captured.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string>? KernelKeys { get; init; }

    public Fact<string> Get(string key) =>
        Runtime.TryGetValue(key, out var value) ? value : Fact.Unknown<string>(UnknownKind.NotCaptured, $"sysctl {key} was not read");

    public Fact<long> GetLong(string key) => Get(key).Bind(text => SysctlValue.ParseLong(key, text));
}
