using System.Globalization;
using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Cpu;

/// <summary>The kernel's CPU list syntax ("0-3,8-11", "" for none), as sysfs prints online, isolated, nohz_full
/// and a node's cpulist (Documentation/admin-guide/cputopology.rst: "The format is … 0-3,5,7-9"). Ids are
/// bounded so "0-4294967295" is malformed, not an enormous list.</summary>
public static class CpuList
{
    /// <summary>Above any CONFIG_NR_CPUS a kernel is built with (8192 on x86, 4096 on arm64).</summary>
    public const int MaxCpuId = 65535;

    /// <summary>The CPU ids in ascending order, each once.</summary>
    public static Fact<IReadOnlyList<int>> Parse(string text, string path)
    {
        var trimmed = text.Trim();
        var cpus = new SortedSet<int>();
        if (trimmed.Length == 0)
        {
            return Fact.Known<IReadOnlyList<int>>([]);
        }

        foreach (var range in trimmed.Split(','))
        {
            int dash = range.IndexOf('-');
            if (!TryId(dash < 0 ? range : range[..dash], out var first) || !TryId(dash < 0 ? range : range[(dash + 1)..], out var last) || last < first)
            {
                return Fact.Unknown<IReadOnlyList<int>>(UnknownReason.Malformed(path, $"not a CPU list (ids up to {MaxCpuId}): '{DisplayText.Shorten(trimmed)}'"));
            }

            for (int cpu = first; cpu <= last; cpu++)
            {
                cpus.Add(cpu);
            }
        }

        return cpus.ToList();
    }

    private static bool TryId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id <= MaxCpuId;
}
