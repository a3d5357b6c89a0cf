using AiTune.Inspection.Memory;

namespace AiTune.Benchmarks.Buffers;

/// <summary>This host's /proc/meminfo now (not a snapshot's): a benchmark allocates here and must check here.</summary>
public static class LiveMeminfo
{
    private const string Path = "/proc/meminfo";

    /// <summary>The parsed file ("kB" fields in bytes); fields the kernel does not print are unknown.</summary>
    public static Meminfo Read() => MeminfoParser.Parse(File.ReadAllText(Path), Path);
}
