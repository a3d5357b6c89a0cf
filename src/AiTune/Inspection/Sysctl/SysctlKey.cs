using System.Text;
using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Sysctl;

/// <summary>Sysctl key spellings. sysctl.d(5): "either / or . may be used as separators within sysctl variable
/// names. If the first separator is a slash, remaining slashes and dots are left intact. If the first separator
/// is a dot, dots and slashes are interchanged." aitune's canonical form is the dotted one ("vm.swappiness";
/// "net.ipv4.conf.enp3s0/200.forwarding" for the interface "enp3s0.200").</summary>
public static class SysctlKey
{
    /// <summary>Longer than any key the kernel has; bounds what a hostile profile or file can make us handle.</summary>
    public const int MaxLength = 512;

    /// <summary>The /proc/sys file of a dotted key, or Malformed without touching the host: a key with "..",
    /// a leading '/', empty components or a character outside [A-Za-z0-9_.-] could name a file outside /proc/sys
    /// or nothing at all.</summary>
    public static Fact<string> ToProcPath(string key)
    {
        if (key.Length == 0 || key.Length > MaxLength)
        {
            return Fact.Unknown<string>(UnknownKind.Malformed, $"sysctl key '{DisplayText.Shorten(key)}': empty or longer than {MaxLength} characters");
        }

        if (key.StartsWith('/') || key.Contains("..", StringComparison.Ordinal) || key.StartsWith('.') || key.EndsWith('.'))
        {
            return Fact.Unknown<string>(UnknownKind.Malformed, $"sysctl key '{DisplayText.Shorten(key)}': not a dotted key");
        }

        foreach (char c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return Fact.Unknown<string>(UnknownKind.Malformed, $"sysctl key '{DisplayText.Shorten(key)}': character '{DisplayText.Shorten(c.ToString())}' is not allowed");
            }
        }

        return "/proc/sys/" + key.Replace('.', '/');
    }

    /// <summary>The dotted form of a key as written in a sysctl.d file, either spelling, as systemd-sysctl
    /// normalizes it (separators swapped when the first is a dot, empty and "." components dropped);
    /// null when nothing is left.</summary>
    public static string? Normalize(string written)
    {
        int first = written.AsSpan().IndexOfAny('.', '/');
        string slashForm = first >= 0 && written[first] == '.' ? Swap(written) : written;
        var components = slashForm.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(c => c != ".");
        string simplified = string.Join('/', components);
        return simplified.Length == 0 ? null : Swap(simplified);
    }

    /// <summary>Dotted form to the path form under /proc/sys and back: '.' and '/' trade places.</summary>
    public static string Swap(string key)
    {
        var result = new StringBuilder(key.Length);
        foreach (char c in key)
        {
            result.Append(c switch { '.' => '/', '/' => '.', _ => c });
        }

        return result.ToString();
    }
}
