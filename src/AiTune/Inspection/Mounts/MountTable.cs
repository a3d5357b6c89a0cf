using System.Text;
using AiTune.Hosting;

namespace AiTune.Inspection.Mounts;

/// <summary>The mount table of the reading process (/proc/self/mounts, the format of fstab(5)).</summary>
public static class MountTable
{
    public const string Path = "/proc/self/mounts";

    public static Fact<IReadOnlyList<Mount>> Read(HostRoot root) => root.ReadText(Path).Map(Parse);

    /// <summary>Parses the table ("source mountpoint fstype options dump pass"); a line without the six fields
    /// (a truncated read, junk) is skipped, not fatal. Over-mounts stay in the order the kernel lists them: the
    /// last mount at a path is the one visible there.</summary>
    public static IReadOnlyList<Mount> Parse(string text)
    {
        var mounts = new List<Mount>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 6)
            {
                continue;
            }

            mounts.Add(new Mount(Unescape(fields[0]), Unescape(fields[1]), Unescape(fields[2]),
                Unescape(fields[3]).Split(',', StringSplitOptions.RemoveEmptyEntries)));
        }

        return mounts;
    }

    /// <summary>The kernel escapes space, tab, newline and backslash as three octal digits (fs/proc_namespace.c
    /// mangle: seq_escape(…, " \t\n\\")); /proc/swaps names are escaped the same way.</summary>
    public static string Unescape(string field)
    {
        if (!field.Contains('\\'))
        {
            return field;
        }

        var result = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length
                && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                result.Append((char)(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                result.Append(field[i]);
            }
        }

        return result.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
