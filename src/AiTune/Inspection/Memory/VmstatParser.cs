using System.Buffers;
using System.Globalization;
using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Memory;

/// <summary>Parses /proc/vmstat: one "name value" line per event counter or statistic (mm/vmstat.c prints
/// vmstat_text[] with "%s %lu"). The transparent huge page counters are the thp_* lines, documented in
/// Documentation/admin-guide/mm/transhuge.rst ("thp_fault_alloc is incremented every time a huge page is
/// successfully allocated …", "thp_fault_fallback is incremented if a page fault fails to allocate a huge page and
/// instead falls back to using small pages", "thp_collapse_alloc_failed …"). A malformed line makes that one counter
/// unknown (it is left out), not the file.</summary>
public static class VmstatParser
{
    public const string Path = "/proc/vmstat";

    public const string ThpPrefix = "thp_";

    /// <summary>Every well-formed line, by name, first occurrence kept; unknown when no line is well formed.</summary>
    public static Fact<IReadOnlyDictionary<string, long>> Parse(string text, string path = Path)
    {
        // Spans, not a Split per line and per field: the metrics read the file's 180-odd lines on every scrape.
        var counters = new Dictionary<string, long>(200, StringComparer.Ordinal);
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range).Trim(' ');
            int space = line.IndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            var name = line[..space];
            var number = line[(space + 1)..].TrimStart(' ');
            if (!name.ContainsAnyExcept(NameCharacters) && !number.Contains(' ')
                && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                counters.TryAdd(name.ToString(), value);
            }
        }

        return counters.Count == 0
            ? Fact.Unknown<IReadOnlyDictionary<string, long>>(UnknownReason.Malformed(path, $"no 'name value' line: '{DisplayText.Shorten(text)}'"))
            : counters;
    }

    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    /// <summary>The thp_* counters, by name without the prefix (fault_alloc, collapse_alloc_failed …), sorted by
    /// name (the set differs between kernels; sorted, the exposition does not depend on the kernel's order); empty
    /// when the kernel has no THP (the lines exist only with CONFIG_TRANSPARENT_HUGEPAGE).</summary>
    public static IReadOnlyList<KeyValuePair<string, long>> ThpEvents(IReadOnlyDictionary<string, long> vmstat) =>
        vmstat.Where(c => c.Key.StartsWith(ThpPrefix, StringComparison.Ordinal) && c.Key.Length > ThpPrefix.Length)
            .Select(c => KeyValuePair.Create(c.Key[ThpPrefix.Length..], c.Value))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
}
