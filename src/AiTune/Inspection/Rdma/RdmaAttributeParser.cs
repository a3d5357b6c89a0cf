using System.Globalization;
using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Rdma;

/// <summary>
/// The attribute files of an RDMA device (drivers/infiniband/core/sysfs.c): state and phys_state as "%d: %s"
/// ("4: ACTIVE", "5: LinkUp"), node_type as "%d: %s" ("1: CA"), rate as "%d%s Gb/sec (%dX%s)" ("400 Gb/sec (4X NDR)",
/// "2.5 Gb/sec (1X)"), link_layer and fw_ver as one word.
/// </summary>
public static class RdmaAttributeParser
{
    private const int MaxLength = 64;

    /// <summary>The name after "N: " ("ACTIVE" of "4: ACTIVE").</summary>
    public static Fact<string> ParseNumberedName(string path, string text)
    {
        var trimmed = text.Trim();
        int colon = trimmed.IndexOf(": ", StringComparison.Ordinal);
        if (colon is <= 0 or > 3 || !trimmed[..colon].All(char.IsAsciiDigit))
        {
            return Fact.Unknown<string>(UnknownReason.Malformed(path, $"expected 'N: NAME', got '{DisplayText.Shorten(trimmed)}'"));
        }

        return Word(path, trimmed[(colon + 2)..]);
    }

    /// <summary>A single printable value (link_layer "InfiniBand", fw_ver "28.39.1002").</summary>
    public static Fact<string> ParseWord(string path, string text) => Word(path, text.Trim());

    /// <summary>The rate line, kept as the kernel prints it.</summary>
    public static Fact<string> ParseRate(string path, string text) =>
        ParseRateGbps(path, text).Bind(_ => Word(path, text.Trim()));

    /// <summary>The number of Gb/s in a rate line.</summary>
    public static Fact<double> ParseRateGbps(string path, string text)
    {
        var trimmed = text.Trim();
        int unit = trimmed.IndexOf(" Gb/sec", StringComparison.Ordinal);
        if (trimmed.Length > MaxLength || unit <= 0 || unit > 8
            || !double.TryParse(trimmed[..unit], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate))
        {
            return Fact.Unknown<double>(UnknownReason.Malformed(path, $"expected 'N Gb/sec (WIDTH SPEED)', got '{DisplayText.Shorten(trimmed)}'"));
        }

        return rate;
    }

    private static Fact<string> Word(string path, string value) =>
        value.Length is > 0 and <= MaxLength && !value.Any(char.IsControl)
            ? value
            : Fact.Unknown<string>(UnknownReason.Malformed(path, $"unusable value '{DisplayText.Shorten(value)}'"));
}
