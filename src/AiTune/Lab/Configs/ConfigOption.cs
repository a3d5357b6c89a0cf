namespace AiTune.Lab.Configs;

/// <summary>One Kconfig option under every name it has had, newest first, so a rename across kernel versions
/// (PAGE_TABLE_ISOLATION became MITIGATION_PAGE_TABLE_ISOLATION in 6.9) reads as one option, not as one option
/// removed and another added. Names are without the CONFIG_ prefix.</summary>
public sealed record ConfigOption(string Name, IReadOnlyList<string> FormerNames)
{
    /// <summary>The value <see cref="Absent"/> stands for: no name of the option is in the config (its Kconfig does
    /// not define it, or a dependency hides it), which is not "n" (defined, and off).</summary>
    public const string Absent = "-";

    public ConfigOption(string name) : this(name, []) { }

    /// <summary>Every name, newest first.</summary>
    public IEnumerable<string> Names => FormerNames.Prepend(Name);

    /// <summary>The value under the first name the config has (y, m, n, a number or a string), or
    /// <see cref="Absent"/>, with the name it was found under (null when absent).</summary>
    public (string Value, string? FoundAs) Read(IReadOnlyDictionary<string, string> config)
    {
        foreach (var name in Names)
        {
            if (config.TryGetValue("CONFIG_" + name, out var value))
            {
                return (value, name);
            }
        }

        return (Absent, null);
    }
}
