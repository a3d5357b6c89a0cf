using System.Text.RegularExpressions;
using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>Parses /proc/version: <c>Linux version RELEASE (BUILDER) (COMPILER) #N[-distro] [SMP] [PREEMPT…] DATE</c>
/// (fs/proc/version.c prints <c>linux_proc_banner</c>: "%s version %s (" LINUX_COMPILE_BY "@" LINUX_COMPILE_HOST ") ("
/// LINUX_COMPILER ") %s\n" with the sysname, the release and the UTS version).</summary>
public static partial class ProcVersionParser
{
    private static readonly string[] KnownFlags = ["SMP", "PREEMPT", "PREEMPT_DYNAMIC", "PREEMPT_RT", "PREEMPT_LAZY"];

    public static Fact<ProcVersion> Parse(string text, string path = "/proc/version")
    {
        var line = text.TrimEnd('\n', '\r', '\0');
        if (line.Contains('\n'))
        {
            return Fact.Unknown<ProcVersion>(UnknownReason.Malformed(path, "more than one line"));
        }

        var head = Head().Match(line);
        if (!head.Success)
        {
            return Fact.Unknown<ProcVersion>(UnknownReason.Malformed(path, "does not start with \"Linux version RELEASE\""));
        }

        var flags = new List<string>();
        var uts = UtsVersion().Match(line);
        if (uts.Success)
        {
            foreach (var word in uts.Groups["rest"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (KnownFlags.Contains(word) && !flags.Contains(word))
                {
                    flags.Add(word);
                }
            }
        }

        return new ProcVersion(line, head.Groups["release"].Value, flags);
    }

    [GeneratedRegex(@"^Linux version (?<release>[0-9][!-~]{0,127}) ")]
    private static partial Regex Head();

    /// <summary>The UTS version: "#" and the build number (Ubuntu: "#52-Ubuntu"), then the flags and the date.
    /// The last "#digit" in the line, because the compiler string before it may hold one.</summary>
    [GeneratedRegex(@"^.* #[0-9][^ ]*(?<rest>( .*)?)$")]
    private static partial Regex UtsVersion();
}
