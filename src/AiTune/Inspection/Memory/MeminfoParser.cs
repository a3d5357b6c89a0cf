using System.Globalization;
using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Memory;

/// <summary>Parses /proc/meminfo ("MemTotal:       24684084 kB") and /sys/devices/system/node/nodeN/meminfo
/// ("Node 0 MemTotal:        4417740 kB"). Documentation/filesystems/proc.rst: "meminfo provides information
/// about distribution and utilization of memory"; every size is in kibibytes despite the "kB".</summary>
public static class MeminfoParser
{
    public static Meminfo Parse(string text, string path)
    {
        var fields = new Dictionary<string, Fact<long>>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = StripNodePrefix(raw);
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            if (name.Length == 0 || fields.ContainsKey(name))
            {
                continue;
            }

            fields[name] = ParseValue(line[(colon + 1)..], $"{path} {name}");
        }

        return new Meminfo(path, fields);
    }

    private static Fact<long> ParseValue(string text, string where)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2 || (parts.Length == 2 && parts[1] != "kB")
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return Fact.Unknown<long>(UnknownReason.Malformed(where, $"expected a count or 'N kB', got '{DisplayText.Shorten(text.Trim())}'"));
        }

        if (parts.Length == 1)
        {
            return value;
        }

        return value > long.MaxValue / 1024
            ? Fact.Unknown<long>(UnknownReason.Malformed(where, $"{value} kB overflows a byte count"))
            : value * 1024;
    }

    /// <summary>"Node 12 MemTotal: …" → "MemTotal: …".</summary>
    private static string StripNodePrefix(string line)
    {
        if (!line.StartsWith("Node ", StringComparison.Ordinal))
        {
            return line;
        }

        int i = 5;
        while (i < line.Length && char.IsAsciiDigit(line[i]))
        {
            i++;
        }

        return i > 5 && i < line.Length && line[i] == ' ' ? line[(i + 1)..] : line;
    }
}
