using System.Globalization;
using AiTune.Facts;
using AiTune.Hosting;
using AiTune.Text;

namespace AiTune.Inspection;

/// <summary>Reads single-value kernel attribute files (sysfs, /sys/module parameters): one value and a newline.
/// sysfs hands out at most a page per attribute, so the read is bounded far below HostRoot's default.</summary>
public static class SysfsFile
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>The content without its trailing newline and surrounding blanks; "" for an empty attribute.</summary>
    public static Fact<string> ReadString(HostRoot root, string path) => root.ReadText(path, MaxBytes).Map(text => text.Trim());

    public static Fact<long> ReadLong(HostRoot root, string path) => ReadString(root, path).Bind(text => ParseLong(text, path));

    /// <summary>The value split at blanks ("performance powersave").</summary>
    public static Fact<IReadOnlyList<string>> ReadWords(HostRoot root, string path) =>
        ReadString(root, path).Map(text => (IReadOnlyList<string>)text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A boolean attribute: module parameters print Y/N, most sysfs switches 1/0.</summary>
    public static Fact<bool> ReadFlag(HostRoot root, string path) => ReadString(root, path).Bind(text => text switch
    {
        "Y" or "y" or "1" => Fact.Known(true),
        "N" or "n" or "0" => Fact.Known(false),
        _ => Fact.Unknown<bool>(UnknownReason.Malformed(path, $"expected Y, N, 1 or 0, got '{DisplayText.Shorten(text)}'")),
    });

    public static Fact<long> ParseLong(string text, string path) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : Fact.Unknown<long>(UnknownReason.Malformed(path, $"expected an integer, got '{DisplayText.Shorten(text)}'"));
}
