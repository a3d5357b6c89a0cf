using System.Text;
using AiTune.Facts;

namespace AiTune.Inspection.Kernel;

/// <summary>The options of a kernel .config read line by line (<see cref="KernelConfigParser"/>): text may arrive in
/// pieces that split a line anywhere, as a decompressor hands it out.</summary>
/// <param name="kept">The options to keep, or null for all of them (see <see cref="KernelConfigParser"/>).</param>
internal sealed class KernelConfigLines(ConfigOptionNames? kept)
{
    private const string Prefix = "CONFIG_";
    private const string NotSetSuffix = " is not set";

    private readonly Dictionary<string, string> options = new(kept is null ? 8192 : 128, StringComparer.Ordinal);
    private readonly List<string> malformed = [];
    private int malformedLines;
    private bool anyOption;

    /// <summary>The start of a line the last piece of text ended in, until its newline comes.</summary>
    private byte[] partial = [];
    private int partialLength;

    /// <summary>The next piece of the text: whole lines are read, the rest is kept for the next piece.</summary>
    public void AddText(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            int newline = text.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Keep(text);
                return;
            }

            if (partialLength > 0)
            {
                Keep(text[..newline]);
                AddLine(partial.AsSpan(0, partialLength));
                partialLength = 0;
            }
            else
            {
                AddLine(text[..newline]);
            }

            text = text[(newline + 1)..];
        }
    }

    /// <summary>The options read, once the whole text has been added (a last line without a newline counts).</summary>
    public Fact<KernelConfigFile> Finish(string path)
    {
        if (partialLength > 0)
        {
            AddLine(partial.AsSpan(0, partialLength));
            partialLength = 0;
        }

        if (!anyOption)
        {
            return Fact.Unknown<KernelConfigFile>(UnknownReason.Malformed(path, "no CONFIG_ option in the file"));
        }

        return new KernelConfigFile(options, malformed, malformedLines);
    }

    private void Keep(ReadOnlySpan<byte> piece)
    {
        if (partialLength + piece.Length > partial.Length)
        {
            Array.Resize(ref partial, Math.Max(partialLength + piece.Length, Math.Max(256, partial.Length * 2)));
        }

        piece.CopyTo(partial.AsSpan(partialLength));
        partialLength += piece.Length;
    }

    private void AddLine(ReadOnlySpan<byte> line)
    {
        line = line.TrimEnd((byte)'\r');
        if (line.IsEmpty)
        {
            return;
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

            return; // any other comment, including the header
        }

        int equals = line.IndexOf((byte)'=');
        var candidate = equals < 0 ? line : line[..equals];
        if (!IsName(candidate))
        {
            malformedLines++;
            return;
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
            return;
        }

        var key = Encoding.ASCII.GetString(candidate);
        if (value is null)
        {
            options.Remove(key);
            if (!malformed.Contains(key))
            {
                malformed.Add(key);
            }

            return;
        }

        Set(key, value);
    }

    /// <summary>A later line wins, as when Kconfig merges fragments; a good line also clears an earlier bad one.</summary>
    private void Set(string name, string value)
    {
        options[name] = value;
        malformed.Remove(name);
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
