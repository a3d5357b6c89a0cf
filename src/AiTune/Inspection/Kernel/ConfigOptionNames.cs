namespace AiTune.Inspection.Kernel;

/// <summary>A set of config option names that the parser can ask about a name still in the file's bytes, so the
/// options nobody reads never become strings.</summary>
public sealed class ConfigOptionNames
{
    private readonly HashSet<string> names;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public ConfigOptionNames(IEnumerable<string> names)
    {
        this.names = new HashSet<string>(names, StringComparer.Ordinal);
        lookup = this.names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Contains(string name) => names.Contains(name);

    /// <summary>Whether the ASCII name <paramref name="name"/> (at most 256 bytes, as a Kconfig symbol the parser
    /// accepted) is in the set.</summary>
    public bool Contains(ReadOnlySpan<byte> name)
    {
        Span<char> chars = stackalloc char[name.Length];
        for (int i = 0; i < name.Length; i++)
        {
            chars[i] = (char)name[i];
        }

        return lookup.Contains(chars);
    }
}
