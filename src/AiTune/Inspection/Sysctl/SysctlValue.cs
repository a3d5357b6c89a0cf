using System.Globalization;
using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Sysctl;

/// <summary>Parsing of sysctl text values.</summary>
public static class SysctlValue
{
    /// <summary>Parses a single integer value ("60", "-1").</summary>
    public static Fact<long> ParseLong(string key, string text)
    {
        var trimmed = text.Trim();
        return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : Fact.Unknown<long>(UnknownKind.Malformed, $"sysctl {key}: expected an integer, got '{DisplayText.Shorten(trimmed)}'");
    }

    /// <summary>Parses a vector value ("4096 131072 6291456").</summary>
    public static Fact<IReadOnlyList<long>> ParseLongs(string key, string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var values = new List<long>(parts.Length);
        foreach (var part in parts)
        {
            if (!long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return Fact.Unknown<IReadOnlyList<long>>(UnknownKind.Malformed, $"sysctl {key}: expected integers, got '{DisplayText.Shorten(text.Trim())}'");
            }

            values.Add(value);
        }

        return values.Count == 0
            ? Fact.Unknown<IReadOnlyList<long>>(UnknownKind.Malformed, $"sysctl {key}: empty value")
            : values;
    }
}
