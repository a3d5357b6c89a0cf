using System.Text;
using AiTune.Knobs.Persistence;

namespace AiTune.Tuning.Persistence;

/// <summary>aitune's tmpfiles.d file: one <c>w</c> line per sysfs knob (THP, cpufreq, per-node huge pages), which
/// systemd-tmpfiles-setup.service writes at every boot. tmpfiles.d(5): "w" writes the argument to the file if the
/// file exists, globs are allowed in its path, the argument is the rest of the line with C-style backslash escapes
/// interpreted, and '%' specifiers are expanded; so values carry none of those.</summary>
public static class TmpfilesEntry
{
    private const string SysPrefix = "/sys/";

    /// <summary>The file: a header, then <c>w PATH - - - - VALUE</c> per write, in the order given (the order
    /// the writes happen in at boot: a cpufreq governor, for one, must come before the energy preference it allows).</summary>
    /// <exception cref="AiTuneException">A path outside /sys, with "." or ".." components, or with characters
    /// other than letters, digits, "_.,:+-/" and the glob characters "*?[]"; a path given twice; a value with
    /// characters other than letters, digits and "_.,:+=-" (every sysfs value aitune sets: "madvise",
    /// "defer+madvise", "balance_performance", "4096"), or the value "-" (tmpfiles' "no argument").</exception>
    public static RenderedFile Render(string profile, IReadOnlyList<(string Path, string Value)> writes)
    {
        var content = new StringBuilder(PersistenceInput.Header(profile));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, value) in writes)
        {
            ValidatePath(path);
            if (!seen.Add(path))
            {
                throw new AiTuneException($"cannot persist {path}: it is given twice", "give each sysfs path one value");
            }

            PersistenceInput.RequireCharacters(value, $"the value for {path}",
                c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ',' or ':' or '+' or '=' or '-', "letters, digits and \"_.,:+=-\"");
            if (value == "-")
            {
                throw PersistenceInput.Refused($"the value for {path}", value, "tmpfiles reads '-' as no value", "a value other than '-'");
            }

            content.Append("w ").Append(path).Append(" - - - - ").Append(value).Append('\n');
        }

        return new RenderedFile(PersistencePaths.Tmpfiles, content.ToString());
    }

    private static void ValidatePath(string path)
    {
        const string allowed = "a path under /sys/ of letters, digits, \"_.,:+-/\" and \"*?[]\"";
        PersistenceInput.RequireCharacters(path, "the sysfs path", c => char.IsAsciiLetterOrDigit(c) || "_.,:+-/*?[]".Contains(c), allowed);
        if (!path.StartsWith(SysPrefix, StringComparison.Ordinal)
            || path[SysPrefix.Length..].Split('/').Any(part => part is "" or "." or ".."))
        {
            throw PersistenceInput.Refused("the sysfs path", path, "not a plain path under /sys/", allowed);
        }
    }
}
