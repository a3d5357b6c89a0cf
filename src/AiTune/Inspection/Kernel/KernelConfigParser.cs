using System.Text;
using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>Parses a kernel .config as scripts/kconfig/confdata.c writes it: <c>CONFIG_NAME=value</c> (y, m, a
/// number, a hex number, or a double-quoted string with \" and \\ escaped), <c># CONFIG_NAME is not set</c> for a
/// bool or tristate that is off, and other lines starting with '#' as comments.</summary>
public static class KernelConfigParser
{
    private const string Prefix = "CONFIG_";
    private const string NotSetSuffix = " is not set";

    /// <summary>Unknown (malformed) only when no line at all is an option; a bad line spoils only its option.</summary>
    public static Fact<KernelConfigFile> Parse(string text, string path)
    {
        // A distribution kernel sets about 8,000 options: lines are read as spans, and only names and values are
        // made strings (y, m and n, most of the values, are shared literals).
        var options = new Dictionary<string, string>(8192, StringComparer.Ordinal);
        var malformed = new List<string>();
        int malformedLines = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            int newline = rest.IndexOf('\n');
            var line = (newline < 0 ? rest : rest[..newline]).TrimEnd('\r');
            rest = newline < 0 ? default : rest[(newline + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] == '#')
            {
                if (line.StartsWith("# " + Prefix, StringComparison.Ordinal) && line.EndsWith(NotSetSuffix, StringComparison.Ordinal))
                {
                    var name = line[2..^NotSetSuffix.Length];
                    if (IsName(name))
                    {
                        Set(name.ToString(), "n");
                    }
                }

                continue; // any other comment, including the header
            }

            int equals = line.IndexOf('=');
            var candidate = equals < 0 ? line : line[..equals];
            if (!line.StartsWith(Prefix, StringComparison.Ordinal) || !IsName(candidate))
            {
                malformedLines++;
                continue;
            }

            var value = equals < 0 ? null : ParseValue(line[(equals + 1)..]);
            var key = candidate.ToString();
            if (value is null)
            {
                malformedLines++;
                options.Remove(key);
                if (!malformed.Contains(key))
                {
                    malformed.Add(key);
                }

                continue;
            }

            Set(key, value);
        }

        if (options.Count == 0 && malformed.Count == 0)
        {
            return Fact.Unknown<KernelConfigFile>(UnknownReason.Malformed(path, "no CONFIG_ option in the file"));
        }

        return new KernelConfigFile(options, malformed, malformedLines);

        // A later line wins, as when Kconfig merges fragments; a good line also clears an earlier bad one.
        void Set(string name, string value)
        {
            options[name] = value;
            malformed.Remove(name);
        }
    }

    /// <summary>CONFIG_ and then letters, digits and underscores (Kconfig symbol names).</summary>
    private static bool IsName(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length <= Prefix.Length || candidate.Length > 256 || !candidate.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in candidate[Prefix.Length..])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value without quotes, or null when it is not in Kconfig's format.</summary>
    private static string? ParseValue(ReadOnlySpan<char> raw)
    {
        if (raw.Length > 0 && raw[0] == '"')
        {
            return ParseString(raw.ToString());
        }

        if (raw.Length == 0)
        {
            return null;
        }

        foreach (char c in raw)
        {
            if (c <= ' ' || c > '~' || c == '"')
            {
                return null;
            }
        }

        return raw switch
        {
            "y" => "y",
            "m" => "m",
            "n" => "n",
            _ => raw.ToString(),
        };
    }

    private static string? ParseString(string raw)
    {
        var value = new StringBuilder();
        for (int i = 1; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c == '\\' && i + 1 < raw.Length)
            {
                value.Append(raw[++i]);
                continue;
            }

            if (c == '"')
            {
                return i == raw.Length - 1 ? value.ToString() : null;
            }

            if (char.IsControl(c))
            {
                return null;
            }

            value.Append(c);
        }

        return null; // no closing quote
    }
}
