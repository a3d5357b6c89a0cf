using System.Text;

namespace AiTune.Lab.Image;

/// <summary>A kernel module's .modinfo section: NUL-separated "key=value" records (modinfo(8) prints them).</summary>
public sealed record ModuleInfo(string? Name, IReadOnlyList<string> Depends)
{
    /// <summary>The .modinfo of the module in <paramref name="module"/> (decompressed).</summary>
    /// <param name="what">The module's path, for messages.</param>
    public static ModuleInfo Read(ReadOnlyMemory<byte> module, string what)
    {
        var section = ElfFile.ReadSection(module, ".modinfo", what)
            ?? throw new AiTuneException($"{what} has no .modinfo section, so it is not a kernel module", "give a module tree of a real kernel build");
        string? name = null;
        IReadOnlyList<string> depends = [];
        foreach (var record in Encoding.UTF8.GetString(section).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (record.StartsWith("name=", StringComparison.Ordinal))
            {
                name = ModuleNames.Normalize(record["name=".Length..]);
            }
            else if (record.StartsWith("depends=", StringComparison.Ordinal))
            {
                depends = record["depends=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(ModuleNames.Normalize).ToArray();
            }
        }

        return new ModuleInfo(name, depends);
    }
}
