using System.Globalization;
using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Accelerators;

/// <summary>
/// The attribute files of a PCI device in sysfs (Documentation/ABI/testing/sysfs-bus-pci). The kernel prints
/// vendor and device as "0x%04x", class as "0x%06x" (base class, subclass, programming interface), numa_node as
/// "%d" (-1 when the firmware gives no node), and local_cpulist as a CPU list ("0-3,8-11").
/// </summary>
public static class PciAttributeParser
{
    /// <summary>A 16-bit id ("0x10de"), returned lower-case as the kernel writes it.</summary>
    public static Fact<string> ParseId(string path, string text) =>
        ParseHex(path, text, digits: 4).Map(value => $"0x{value:x4}");

    /// <summary>The 24-bit class code ("0x030200").</summary>
    public static Fact<int> ParseClass(string path, string text) => ParseHex(path, text, digits: 6);

    /// <summary>A signed decimal (numa_node, "-1").</summary>
    public static Fact<int> ParseInt(string path, string text)
    {
        var trimmed = text.Trim();
        return int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : Fact.Unknown<int>(UnknownReason.Malformed(path, $"expected an integer, got '{DisplayText.Shorten(trimmed)}'"));
    }

    /// <summary>A non-negative decimal (amdgpu's mem_info_vram_total, gpu_busy_percent).</summary>
    public static Fact<long> ParseCount(string path, string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > 0 && long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : Fact.Unknown<long>(UnknownReason.Malformed(path, $"expected a non-negative integer, got '{DisplayText.Shorten(trimmed)}'"));
    }

    /// <summary>A CPU list as cpumap_print_list_to_buf() writes it: ranges and numbers separated by commas.</summary>
    public static Fact<string> ParseCpuList(string path, string text)
    {
        var trimmed = text.Trim();
        foreach (var part in trimmed.Split(','))
        {
            var bounds = part.Split('-');
            if (bounds.Length > 2 || bounds.Any(bound => bound.Length is 0 or > 6 || !bound.All(char.IsAsciiDigit)))
            {
                return Fact.Unknown<string>(UnknownReason.Malformed(path, $"expected a CPU list, got '{DisplayText.Shorten(trimmed)}'"));
            }
        }

        return trimmed;
    }

    private static Fact<int> ParseHex(string path, string text, int digits)
    {
        var trimmed = text.Trim();
        return trimmed.Length == digits + 2 && trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(trimmed.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : Fact.Unknown<int>(UnknownReason.Malformed(path, $"expected 0x and {digits} hex digits, got '{DisplayText.Shorten(trimmed)}'"));
    }
}
