using AiTune.Facts;

namespace AiTune.Inspection.Security;

/// <summary>Parses /sys/kernel/security/lockdown, which lists the modes with the active one in brackets:
/// "[none] integrity confidentiality" (security/lockdown/lockdown.c, lockdown_read).</summary>
public static class LockdownParser
{
    public const string Path = "/sys/kernel/security/lockdown";

    /// <summary>The active mode; the modes are lower-case words (none, integrity, confidentiality).</summary>
    public static Fact<string> Parse(string text) =>
        KernelChoice.Parse(text, Path, "mode").Active.Bind(mode => mode.All(char.IsAsciiLetterLower)
            ? Fact.Known(mode)
            : Fact.Unknown<string>(UnknownReason.Malformed(Path, $"the bracketed mode '{mode}' is not a word")));
}
