using AiTune.Facts;

namespace AiTune.Inspection.Security;

/// <summary>Parses /sys/kernel/security/lsm: the active security modules, comma-separated in the order they were
/// initialised ("lockdown,capability,landlock,yama,apparmor"), written without a trailing newline.</summary>
public static class LsmListParser
{
    public const string Path = "/sys/kernel/security/lsm";

    public static Fact<IReadOnlyList<string>> Parse(string text)
    {
        var names = text.Trim().Split(',');
        if (names.Length == 0 || names.Any(name => name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
        {
            return Fact.Unknown<IReadOnlyList<string>>(UnknownReason.Malformed(Path, "not a comma-separated list of module names"));
        }

        return names;
    }
}
