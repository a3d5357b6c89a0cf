using System.Globalization;

namespace AiTune.Hosting;

/// <summary>The entries of a listing named a prefix and a number (sysfs's node0, policy2, state1 …), by number.</summary>
public static class NumberedEntries
{
    /// <param name="kinds">The kinds of entry that count (sysfs lists some of these directories as links).</param>
    public static List<(string Name, int Number)> Of(IReadOnlyList<HostEntry> entries, string prefix, params ReadOnlySpan<HostEntryKind> kinds)
    {
        // A plain loop, not a LINQ chain: a Select after another operator is a generic virtual call, which NativeAOT
        // resolves at run time on first use, and each command lists these directories once.
        var numbered = new List<(string Name, int Number)>();
        foreach (var entry in entries)
        {
            if (kinds.Contains(entry.Kind) && entry.Name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(entry.Name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                numbered.Add((entry.Name, number));
            }
        }

        // By number, then by name (node01 before node1), as a stable sort of a listing sorted by name keeps them.
        numbered.Sort((a, b) => a.Number != b.Number ? a.Number.CompareTo(b.Number) : string.CompareOrdinal(a.Name, b.Name));
        return numbered;
    }
}
