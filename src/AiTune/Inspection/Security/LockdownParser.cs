namespace AiTune.Inspection.Security;

/// <summary>Parses /sys/kernel/security/lockdown, which lists the modes with the active one in brackets:
/// "[none] integrity confidentiality" (security/lockdown/lockdown.c, lockdown_read).</summary>
public static class LockdownParser
{
    public const string Path = "/sys/kernel/security/lockdown";

    public static Fact<string> Parse(string text)
    {
        foreach (var word in text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length > 2 && word[0] == '[' && word[^1] == ']')
            {
                var mode = word[1..^1];
                return mode.All(char.IsAsciiLetterLower)
                    ? mode
                    : Fact.Unknown<string>(UnknownReason.Malformed(Path, "the bracketed mode is not a word"));
            }
        }

        return Fact.Unknown<string>(UnknownReason.Malformed(Path, "no mode in brackets"));
    }
}
