using System.Text;
using AiTune.Facts;
using AiTune.Hosting;

namespace AiTune.Inspection.Mounts;

/// <summary>The mount table of the reading process (/proc/self/mounts, the format of fstab(5)).</summary>
public static class MountTable
{
    public const string Path = "/proc/self/mounts";

    /// <summary>Where the table is looked for, in order. On a live host /proc/mounts is a link to self/mounts and
    /// /proc/1/mounts is init's view of the same mount namespace (the reader shares it unless it runs in a
    /// container), so each names the same table; a tree copied by hand often holds only /proc/mounts.</summary>
    public static readonly IReadOnlyList<string> Paths = [Path, "/proc/mounts", "/proc/1/mounts"];

    /// <summary>The first of <see cref="Paths"/> that exists. The one place that looks for the mount table: every
    /// fact drawn from it (cgroups, /dev/shm, hugetlbfs) comes through here, and so does a snapshot, which
    /// records what was read.</summary>
    public static Fact<IReadOnlyList<Mount>> Read(HostRoot root)
    {
        foreach (var path in Paths)
        {
            var text = root.ReadText(path);
            if (text.TryGet(out var table))
            {
                return Fact.Known(Parse(table));
            }

            if (text.Reason!.Kind != UnknownKind.Absent)
            {
                return Fact.Unknown<IReadOnlyList<Mount>>(text.Reason);
            }
        }

        return Fact.Unknown<IReadOnlyList<Mount>>(UnknownKind.Absent, $"no mount table: {Paths[0]}, {Paths[1]} and {Paths[2]} do not exist");
    }

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
