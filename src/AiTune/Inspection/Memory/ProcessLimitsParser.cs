using System.Globalization;
using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Memory;

/// <summary>Parses /proc/PID/limits (fs/proc/base.c proc_pid_limits): a header, then per resource
/// "%-25s %-20s %-20s %-10s" — name, soft limit, hard limit, units — where a limit is a number or "unlimited".</summary>
/// <remarks>Only the reading process's own limits (/proc/self/limits) are read, with no fallback to /proc/1/limits as the
/// mount table has (<see cref="Mounts.MountTable.Paths"/>): those are init's limits, and the services it starts get
/// theirs from its configuration (DefaultLimitMEMLOCK), not from its own rlimits, so they would describe another process.</remarks>
public static class ProcessLimitsParser
{
    public const string Path = "/proc/self/limits";
    public const string MaxLockedMemory = "Max locked memory";

    /// <summary>The soft and hard limit of <paramref name="resource"/> ("Max locked memory"); null means unlimited.</summary>
    public static Fact<ResourceLimit> Parse(string text, string resource)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(resource, StringComparison.Ordinal) || line.Length == resource.Length || line[resource.Length] != ' ')
            {
                continue;
            }

            var fields = line[resource.Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && TryLimit(fields[0], out var soft) && TryLimit(fields[1], out var hard))
            {
                return new ResourceLimit(soft, hard);
            }

            return Fact.Unknown<ResourceLimit>(UnknownReason.Malformed(Path, $"'{resource}': expected two limits, got '{DisplayText.Shorten(line.Trim())}'"));
        }

        return Fact.Unknown<ResourceLimit>(UnknownReason.Malformed(Path, $"no '{resource}' line"));
    }

    private static bool TryLimit(string text, out long? limit)
    {
        if (text == "unlimited")
        {
            limit = null;
            return true;
        }

        bool ok = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        limit = value;
        return ok;
    }
}
