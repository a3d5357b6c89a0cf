namespace AiTune.Lab.Configs;

/// <summary>A condition on one option: its value is one of <see cref="Values"/> (<see cref="ConfigOption.Absent"/>
/// for "the kernel does not have it").</summary>
public sealed record OptionTest(ConfigOption Option, IReadOnlyList<string> Values)
{
    public bool Holds(IReadOnlyDictionary<string, string> config) => Values.Contains(Option.Read(config).Value, StringComparer.Ordinal);
}
