using System.Globalization;
using AiTune.Facts;

namespace AiTune.Inspection.Cpu;

/// <summary>
/// The 1-minute load average from /proc/loadavg ("0.52 0.58 0.59 1/123 4567"; proc.rst: "the number of jobs in the
/// run queue (state R) or waiting for disk I/O (state D) averaged over 1, 5, and 15 minutes").
/// </summary>
public static class LoadAverageParser
{
    public static Fact<double> ParseOneMinute(string text, string path)
    {
        var first = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return double.TryParse(first, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var load) && double.IsFinite(load)
            ? load
            : Fact.Unknown<double>(UnknownReason.Malformed(path, "the first field is not a load average"));
    }
}
