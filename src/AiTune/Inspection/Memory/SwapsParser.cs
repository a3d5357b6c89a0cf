using System.Globalization;
using System.Text.RegularExpressions;
using AiTune.Facts;
using AiTune.Inspection.Mounts;
using AiTune.Text;

namespace AiTune.Inspection.Memory;

/// <summary>Parses /proc/swaps: a header ("Filename Type Size Used Priority"), then one line per active area,
/// sizes in KiB, the name escaped like a mount point (mm/swapfile.c swap_show: seq_file_path(…, " \t\n\\")).</summary>
public static partial class SwapsParser
{
    public const string Path = "/proc/swaps";

    /// <summary>Every area, or Malformed when any line is: a swap list missing an area would be a wrong fact.</summary>
    public static Fact<IReadOnlyList<SwapArea>> Parse(string text)
    {
        var areas = new List<SwapArea>();
        var lines = text.Split('\n');
        if (!lines[0].StartsWith("Filename", StringComparison.Ordinal))
        {
            return Fact.Unknown<IReadOnlyList<SwapArea>>(UnknownReason.Malformed(Path, $"no header line, got '{DisplayText.Shorten(lines[0])}'"));
        }

        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length != 5 || fields[1] is not ("partition" or "file")
                || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sizeKb) || sizeKb > long.MaxValue / 1024
                || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var usedKb) || usedKb > long.MaxValue / 1024
                || !int.TryParse(fields[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority))
            {
                return Fact.Unknown<IReadOnlyList<SwapArea>>(UnknownReason.Malformed(Path, $"not 'name type size used priority': '{DisplayText.Shorten(line.Trim())}'"));
            }

            var name = MountTable.Unescape(fields[0]);
            areas.Add(new SwapArea(name, fields[1], sizeKb * 1024, usedKb * 1024, priority, ZramDevice().IsMatch(name)));
        }

        return areas;
    }

    [GeneratedRegex(@"^/dev/zram[0-9]+$")]
    private static partial Regex ZramDevice();
}
