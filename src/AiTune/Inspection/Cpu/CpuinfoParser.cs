namespace AiTune.Inspection.Cpu;

/// <summary>Parses /proc/cpuinfo: blocks separated by blank lines, "key\t: value" lines. x86 prints per processor
/// vendor_id, "model name", "physical id", "core id" and flags; arm64 prints "CPU implementer", "CPU part" and
/// Features, and no model name or topology (that is in sysfs). Lines without ':' are ignored.</summary>
public static class CpuinfoParser
{
    public const string Path = "/proc/cpuinfo";

    /// <summary>The blocks that describe a processor (have a "processor" line), in order. arm64 ends the file with
    /// machine-wide lines such as "Hardware"; they form no processor.</summary>
    public static IReadOnlyList<CpuinfoProcessor> Parse(string text)
    {
        var processors = new List<CpuinfoProcessor>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n').Append(""))
        {
            if (line.Trim().Length == 0)
            {
                if (fields.ContainsKey("processor"))
                {
                    processors.Add(new CpuinfoProcessor(fields));
                }

                fields = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }

            int colon = line.IndexOf(':');
            if (colon > 0)
            {
                fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }

        return processors;
    }
}
