using System.Globalization;
using AiTune.Facts;

namespace AiTune.Inspection.Cpu;

/// <summary>
/// Reads the aggregate "cpu" line of /proc/stat: "cpu  user nice system idle iowait irq softirq steal guest
/// guest_nice" (proc.rst). Kernels before 2.6.11 stop before steal, which then reads 0; a line that is not ten or
/// fewer counters after "cpu" is malformed.
/// </summary>
public static class ProcStatParser
{
    public static Fact<CpuTimes> Parse(string text, string path)
    {
        int end = text.IndexOf('\n', StringComparison.Ordinal);
        var line = end < 0 ? text : text[..end];
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 5 or > 11 || fields[0] != "cpu")
        {
            return Fact.Unknown<CpuTimes>(UnknownReason.Malformed(path, "the first line is not 'cpu' and its counters"));
        }

        var counters = new long[8];
        for (int i = 0; i < counters.Length && i + 1 < fields.Length; i++)
        {
            if (!long.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out counters[i]))
            {
                return Fact.Unknown<CpuTimes>(UnknownReason.Malformed(path, $"counter {i + 1} of the cpu line is not a number"));
            }
        }

        return new CpuTimes(counters[0], counters[1], counters[2], counters[3], counters[4], counters[5], counters[6], counters[7]);
    }
}
