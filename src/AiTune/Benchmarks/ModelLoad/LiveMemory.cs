using AiTune.Inspection.Memory;

namespace AiTune.Benchmarks.ModelLoad;

/// <summary>This host's /proc/meminfo now (not a snapshot's): a benchmark allocates here and must check here.</summary>
internal static class LiveMemory
{
    /// <summary>A field of /proc/meminfo ("kB" fields in bytes), or null when the kernel does not print it.</summary>
    public static long? Read(string field)
    {
        const string path = "/proc/meminfo";
        try
        {
            var value = MeminfoParser.Parse(File.ReadAllText(path), path).Get(field);
            return value.IsKnown ? value.Value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
