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
    public static Fact<KernelConfigFile> Parse(string text, string path) => Parse(Encoding.UTF8.GetBytes(text), path);

    /// <summary>The config as the file holds it (UTF-8); see <see cref="Parse(string, string)"/>. A distribution
    /// kernel sets about 8,000 options: the lines are read as bytes, and only the names and values kept become strings
    /// (y, m and n, most of the values, are shared literals), so a config costs no copy of itself as text.</summary>
    /// <param name="kept">The options to keep, or null for all of them. The others are still checked, so
    /// <see cref="KernelConfigFile.MalformedLines"/> and "no option in the file" do not depend on the choice, but an
    /// inspection that reads a hundred options of eight thousand does not pay for the rest.</param>
    public static Fact<KernelConfigFile> Parse(ReadOnlySpan<byte> utf8, string path, ConfigOptionNames? kept = null)
    {
        var options = new Dictionary<string, string>(kept is null ? 8192 : 128, StringComparer.Ordinal);
        var malformed = new List<string>();
        int malformedLines = 0;
        bool anyOption = false;
        var rest = utf8;
        while (!rest.IsEmpty)
        {
            int newline = rest.IndexOf((byte)'\n');
            var line = (newline < 0 ? rest : rest[..newline]).TrimEnd((byte)'\r');
            rest = newline < 0 ? default : rest[(newline + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] == '#')
            {
                if (line.StartsWith("# CONFIG_"u8) && line.EndsWith(" is not set"u8))
                {
                    var name = line[2..^NotSetSuffix.Length];
                    if (IsName(name))
                    {
                        anyOption = true;
                        if (kept is null || kept.Contains(name))
                        {
                            Set(Encoding.ASCII.GetString(name), "n");
                        }
                    }
                }

                continue; // any other comment, including the header
            }

            int equals = line.IndexOf((byte)'=');
            var candidate = equals < 0 ? line : line[..equals];
            if (!IsName(candidate))
            {
                malformedLines++;
                continue;
            }

            bool keep = kept is null || kept.Contains(candidate);
            var value = equals < 0 ? null : ParseValue(line[(equals + 1)..], materialize: keep);
            anyOption = true;
            if (value is null)
            {
                malformedLines++;
            }

            if (!keep)
            {
                continue;
            }

            var key = Encoding.ASCII.GetString(candidate);
            if (value is null)
            {
                options.Remove(key);
                if (!malformed.Contains(key))
                {
                    malformed.Add(key);
                }

                continue;
            }

            Set(key, value);
        }

        if (!anyOption)
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
    private static bool IsName(ReadOnlySpan<byte> candidate)
    {
        if (candidate.Length <= Prefix.Length || candidate.Length > 256 || !candidate.StartsWith("CONFIG_"u8))
        {
            return false;
        }

        foreach (byte c in candidate[Prefix.Length..])
        {
            if (!char.IsAsciiLetterOrDigit((char)c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value without quotes, or null when it is not in Kconfig's format; without
    /// <paramref name="materialize"/>, a well-formed number or word is only checked (it returns "" for it).</summary>
    private static string? ParseValue(ReadOnlySpan<byte> raw, bool materialize)
    {
        if (raw.Length > 0 && raw[0] == '"')
        {
            // As text: a string may hold any character, and invalid UTF-8 reads as U+FFFD (which it accepts).
            return ParseString(Encoding.UTF8.GetString(raw));
        }

        if (raw.Length == 0)
        {
            return null;
        }

        foreach (byte c in raw)
        {
            if (c <= ' ' || c > '~' || c == '"')
            {
                return null;
            }
        }

        return raw switch
        {
            _ when !materialize => "",
            [(byte)'y'] => "y",
            [(byte)'m'] => "m",
            [(byte)'n'] => "n",
            _ => Encoding.ASCII.GetString(raw),
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
