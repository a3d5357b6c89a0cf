using System.Globalization;
using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Storage;

/// <summary>The one-number files of a block device in sysfs (size, queue/read_ahead_kb, queue/rotational …):
/// a decimal number and a newline, as queue_var_show() prints it.</summary>
public static class BlockAttributeParser
{
    /// <summary>A non-negative decimal number ("128").</summary>
    public static Fact<long> ParseCount(string path, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return Fact.Unknown<long>(UnknownReason.Malformed(path, "empty"));
        }

        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : Fact.Unknown<long>(UnknownReason.Malformed(path, $"expected a non-negative integer, got '{DisplayText.Shorten(trimmed)}'"));
    }

    /// <summary>A 0/1 flag (queue/rotational).</summary>
    public static Fact<bool> ParseFlag(string path, string text) => text.Trim() switch
    {
        "0" => false,
        "1" => true,
        var other => Fact.Unknown<bool>(UnknownReason.Malformed(path, $"expected 0 or 1, got '{DisplayText.Shorten(other)}'")),
    };

    /// <summary>
    /// The size file counts the block layer's sectors, which are 512 bytes (SECTOR_SHIFT 9) whatever the
    /// device's logical block size, so bytes are sectors × 512, checked for overflow.
    /// </summary>
    public static Fact<long> ParseSizeBytes(string path, string text) =>
        ParseCount(path, text).Bind(sectors => sectors > long.MaxValue / 512
            ? Fact.Unknown<long>(UnknownReason.Malformed(path, $"{sectors} sectors overflow a byte count"))
            : Fact.Known(sectors * 512));
}
