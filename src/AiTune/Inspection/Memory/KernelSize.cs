using System.Globalization;

namespace AiTune.Inspection.Memory;

/// <summary>The kernel's memparse(): "parse a string with mem suffixes into a number … K, M, G, T, P, E"
/// (lib/cmdline.c), as hugepagesz=, default_hugepagesz= and tmpfs size= take it. Decimal or 0x hex; the
/// suffix is case-insensitive and multiplies by 1024 per step.</summary>
public static class KernelSize
{
    /// <summary>Bytes, or null when the text is not a size or overflows.</summary>
    public static long? Parse(string text)
    {
        var span = text.AsSpan().Trim();
        bool hex = span.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        int shift = 0;
        if (span.Length > 0)
        {
            // In hex, a final 'e' is a digit (0x1e is 30), not the exa suffix.
            int suffix = (hex ? "kmgtp" : "kmgtpe").IndexOf(char.ToLowerInvariant(span[^1]));
            if (suffix >= 0)
            {
                shift = 10 * (suffix + 1);
                span = span[..^1];
            }
        }

        if (!long.TryParse(hex ? span[2..] : span, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < 0)
        {
            return null;
        }

        return shift > 0 && value > long.MaxValue >> shift ? null : value << shift;
    }
}
