using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Accelerators;

/// <summary>
/// /proc/driver/nvidia/version, written by the NVIDIA driver. Its first line names the module and its version:
/// "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.127.05  Tue Oct  8 03:22:07 UTC 2024" for the proprietary
/// module, "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  565.77  Release Build  (…)" for the open one.
/// </summary>
public static class NvidiaVersionParser
{
    private const string Prefix = "NVRM version:";
    private const string Module = "Kernel Module";

    public static Fact<string> Parse(string path, string text)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (line is null)
        {
            return Fact.Unknown<string>(UnknownReason.Malformed(path, "no 'NVRM version:' line"));
        }

        int module = line.IndexOf(Module, StringComparison.Ordinal);
        if (module < 0)
        {
            return Fact.Unknown<string>(UnknownReason.Malformed(path, $"no '{Module}' in '{DisplayText.Shorten(line)}'"));
        }

        // After "Kernel Module" come, for the open module, "for ARCH"; the version is the first dotted number.
        var version = line[(module + Module.Length)..]
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Take(4)
            .FirstOrDefault(IsVersion);
        return version is not null
            ? version
            : Fact.Unknown<string>(UnknownReason.Malformed(path, $"no version number in '{DisplayText.Shorten(line)}'"));
    }

    /// <summary>"550.127.05", "565.77": two to four groups of digits separated by dots.</summary>
    private static bool IsVersion(string token)
    {
        var parts = token.Split('.');
        return parts.Length is >= 2 and <= 4 && parts.All(part => part.Length is > 0 and <= 6 && part.All(char.IsAsciiDigit));
    }
}
