using AiTune.Facts;
using AiTune.Text;

namespace AiTune.Inspection.Accelerators;

/// <summary>
/// /proc/driver/nvidia/gpus/ADDRESS/information, written by the NVIDIA driver (not the kernel): one "Key: value"
/// per line, the value after tabs and a space ("Model: \t\t NVIDIA H100 80GB HBM3", "Bus Location: \t 0000:98:00.0").
/// </summary>
public static class NvidiaInformationParser
{
    public static Fact<string> ParseModel(string path, string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("Model:", StringComparison.Ordinal))
            {
                continue;
            }

            var model = line["Model:".Length..].Trim();
            if (model.Length == 0 || model.Any(char.IsControl))
            {
                return Fact.Unknown<string>(UnknownReason.Malformed(path, $"unusable model '{DisplayText.Shorten(model)}'"));
            }

            return model;
        }

        return Fact.Unknown<string>(UnknownReason.Malformed(path, "no Model line"));
    }

    /// <summary>"Device Minor: \t 0": the N of /dev/nvidiaN.</summary>
    public static Fact<int> ParseDeviceMinor(string path, string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("Device Minor:", StringComparison.Ordinal))
            {
                continue;
            }

            var minor = line["Device Minor:".Length..].Trim();
            return minor.Length is > 0 and <= 6 && minor.All(char.IsAsciiDigit)
                ? int.Parse(minor, System.Globalization.CultureInfo.InvariantCulture)
                : Fact.Unknown<int>(UnknownReason.Malformed(path, $"unusable device minor '{DisplayText.Shorten(minor)}'"));
        }

        return Fact.Unknown<int>(UnknownReason.Malformed(path, "no Device Minor line"));
    }
}
