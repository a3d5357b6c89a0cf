using System.Globalization;

namespace AiTune.Lab.Qemu;

/// <summary>The CPU time of one process from /proc/PID/stat, in clock ticks (USER_HZ, 100 per second on Linux).</summary>
public static class ProcessCpuTicks
{
    public const int TicksPerSecond = 100;

    /// <summary>utime + stime (fields 14 and 15 of proc(5)), or null for malformed text. The command name in field 2
    /// is in parentheses and may itself hold spaces and parentheses, so the fields are counted from the last ')'.</summary>
    public static long? Parse(string stat)
    {
        int close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the name: state (3) … utime (14), stime (15): indexes 11 and 12 here.
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out long user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out long system))
        {
            return null;
        }

        return user + system;
    }

    /// <summary>The ticks of process <paramref name="pid"/> ("self" for this one), or null when it is gone or unreadable.</summary>
    public static long? Read(string pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
