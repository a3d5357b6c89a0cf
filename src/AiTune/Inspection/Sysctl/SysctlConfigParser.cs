using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Sysctl;

/// <summary>Parses one sysctl.d(5) file the way systemd-sysctl's parse_file does: each line is stripped of
/// spaces, tabs and line ends; empty lines and lines starting with '#' or ';' are comments (there are no
/// trailing comments: "a = 1 # x" sets "1 # x"); <c>key = value</c> splits at the first '='; a leading '-' on
/// an assignment means "ignore failures"; a leading '-' on a line without '=' is a glob exclusion; any other
/// line without '=' is skipped with a warning.</summary>
public static class SysctlConfigParser
{
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r'];

    public static SysctlConfigFile Parse(string text, string path)
    {
        var assignments = new List<SysctlAssignment>();
        var exclusions = new List<SysctlExclusion>();
        var problems = new List<UnknownReason>();
        int number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim(Whitespace);
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            int eq = line.IndexOf('=');
            bool dash = line[0] == '-';
            string writtenKey = (eq >= 0 ? line[..eq] : line)[(dash ? 1 : 0)..].Trim(Whitespace);
            if (eq < 0 && !dash)
            {
                problems.Add(UnknownReason.Malformed($"{path}:{number}", $"not an assignment, skipped: '{DisplayText.Shorten(line)}'"));
                continue;
            }

            var key = SysctlKey.Normalize(writtenKey);
            if (key is null)
            {
                problems.Add(UnknownReason.Malformed($"{path}:{number}", $"no key, skipped: '{DisplayText.Shorten(line)}'"));
                continue;
            }

            if (eq < 0)
            {
                exclusions.Add(new SysctlExclusion(key, path, number));
            }
            else
            {
                assignments.Add(new SysctlAssignment(key, line[(eq + 1)..].Trim(Whitespace), path, number, dash));
            }
        }

        return new SysctlConfigFile(path, assignments, exclusions, problems);
    }
}
