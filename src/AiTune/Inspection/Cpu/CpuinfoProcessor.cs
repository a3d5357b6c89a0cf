namespace AiTune.Inspection.Cpu;

/// <summary>One "processor" block of /proc/cpuinfo: its "key : value" lines, the first of each key.</summary>
public sealed class CpuinfoProcessor(IReadOnlyDictionary<string, string> fields)
{
    public IReadOnlyDictionary<string, string> Fields { get; } = fields;

    public string? this[string key] => Fields.TryGetValue(key, out var value) ? value : null;
}
