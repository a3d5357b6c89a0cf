using System.Globalization;

namespace AiTune.Inspection.Memory;

/// <summary>Parses limits.conf(5) as pam_limits reads it: "#" starts a comment anywhere on a line; an entry is
/// exactly four fields "&lt;domain&gt; &lt;type&gt; &lt;item&gt; &lt;value&gt;", type soft, hard or "-" (both); "the
/// keywords -1, unlimited or infinity" mean no limit (memlock in KiB).</summary>
public static class LimitsConfParser
{
    public const string MainFile = "/etc/security/limits.conf";
    public const string DropInDirectory = "/etc/security/limits.d";

    /// <summary>The entries for <paramref name="item"/> ("memlock"); a line with a value that is not a number or
    /// an unlimited keyword is ignored, as pam_limits ignores it.</summary>
    public static IReadOnlyList<LimitsEntry> Parse(string text, string path, string item)
    {
        var entries = new List<LimitsEntry>();
        int number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            int hash = raw.IndexOf('#');
            var line = hash >= 0 ? raw[..hash] : raw;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 4 || fields[2] != item || fields[1] is not ("soft" or "hard" or "-"))
            {
                continue;
            }

            long? value;
            if (fields[3] is "unlimited" or "infinity" or "-1")
            {
                value = null;
            }
            else if (long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var number64))
            {
                value = number64;
            }
            else
            {
                continue;
            }

            entries.Add(new LimitsEntry(fields[0], fields[1], fields[2], value, path, number));
        }

        return entries;
    }
}
