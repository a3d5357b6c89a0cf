using AiTune.Facts;

namespace AiTune.Inspection.Memory;

/// <summary>The fields of /proc/meminfo or a node's meminfo, by name: "kB" fields in bytes, the others
/// (HugePages_Total …) as the kernel counts them. A field the kernel did not print is Absent (AnonHugePages
/// needs CONFIG_TRANSPARENT_HUGEPAGE, Hugepagesize needs CONFIG_HUGETLB_PAGE); a line that does not parse is
/// Malformed, alone.</summary>
public sealed class Meminfo(string path, IReadOnlyDictionary<string, Fact<long>> fields)
{
    public string Path { get; } = path;

    public IReadOnlyDictionary<string, Fact<long>> Fields { get; } = fields;

    public Fact<long> Get(string name) =>
        Fields.TryGetValue(name, out var value) ? value : Fact.Unknown<long>(UnknownKind.Absent, $"{Path} has no {name} line");
}
