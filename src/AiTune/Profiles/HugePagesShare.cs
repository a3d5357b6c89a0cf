using System.Globalization;
using AiTune.Inspection;
using AiTune.Knobs;
using AiTune.Units;

namespace AiTune.Profiles;

/// <summary>The one guard on huge pages: after raising some pools, all of them together, every page size, may hold at
/// most a share of MemTotal (--max-hugepages-share, 80% unless told otherwise), whatever asks for the pages (a count
/// in a profile, or a count computed from the model). Huge pages are withdrawn from every other use: beyond the share
/// the kernel, the page cache and the server itself would starve. The plan refuses what this refuses, and the audit
/// says so rather than advise it.</summary>
public static class HugePagesShare
{
    /// <summary>Why raising <paramref name="raising"/> (a huge page knob, its current count, the count asked) would
    /// take too much memory, naming --max-hugepages-share; null when it fits. Unknown MemTotal refuses too: the share
    /// cannot be checked.</summary>
    public static string? Refusal(HostFacts facts, IEnumerable<(Knob Knob, string? Current, string? Target)> raising, double maxShare)
    {
        if (!facts.Memory.TotalBytes.TryGet(out var memTotal))
        {
            return $"MemTotal is unknown ({facts.Memory.TotalBytes.Reason!.Detail}), so the huge pages cannot be checked against --max-hugepages-share";
        }

        // Decimal: page counts from a profile can be large enough for bytes to overflow a long.
        decimal plannedBytes = 0;
        foreach (var pool in facts.Memory.HugePages.GetValueOrDefault([]))
        {
            plannedBytes += pool.Total.GetValueOrDefault(0) * (decimal)pool.PageSizeBytes;
        }

        foreach (var (knob, current, target) in raising)
        {
            long pageBytes = long.Parse(knob.Name[..^2], CultureInfo.InvariantCulture) * 1024;
            long now = long.TryParse(current, CultureInfo.InvariantCulture, out var c) ? c : 0;
            long asked = long.TryParse(target, CultureInfo.InvariantCulture, out var t) ? t : 0;
            plannedBytes += ((decimal)asked - now) * pageBytes;
        }

        if (plannedBytes <= memTotal * (decimal)maxShare)
        {
            return null;
        }

        return $"huge pages would hold {ByteSize.Format((long)Math.Min(plannedBytes, long.MaxValue))} ({Percent.Format((double)(plannedBytes / memTotal), 0)} of MemTotal, {ByteSize.Format(memTotal)}), "
            + $"over the {Percent.Format(maxShare, 0)} that --max-hugepages-share allows: the rest of the host would starve; "
            + "use a smaller model or more memory, or raise --max-hugepages-share if the host can spare it";
    }
}
