using System.Globalization;

namespace AiTune.Units;

/// <summary>Byte counts for people: printed in binary (IEC) units with one decimal ("8.0 GiB", "512 KiB"); read in
/// either system, each by its own definition.</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return (value == Math.Floor(value) ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.0", CultureInfo.InvariantCulture)) + " " + Units[unit];
    }

    /// <summary>Parses a byte count: "1048576" (bytes), IEC units as powers of 2 ("4GiB", "512 MiB"), SI units as
    /// powers of 10 ("1TB" is 10^12 bytes, as the disk on the label), and a bare letter ("512M", "70g") as a power of
    /// 2, as the kernel's memparse (hugepagesz=1G), ulimit and docker --memory read it. Case-insensitive; a fraction is
    /// allowed ("1.5GiB") and rounded down to whole bytes.</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var trimmed = text.Trim();
        int split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        if (split == 0 || split > 40 || !decimal.TryParse(trimmed[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        if (Multiplier(trimmed[split..].Trim()) is not { } multiplier)
        {
            return false;
        }

        if (number > long.MaxValue / multiplier)
        {
            return false;
        }

        bytes = (long)decimal.Floor(number * multiplier);
        return true;
    }

    private static decimal? Multiplier(string unit) => unit.ToUpperInvariant() switch
    {
        "" or "B" => 1m,
        "K" or "KIB" => 1L << 10,
        "M" or "MIB" => 1L << 20,
        "G" or "GIB" => 1L << 30,
        "T" or "TIB" => 1L << 40,
        "P" or "PIB" => 1L << 50,
        "KB" => 1e3m,
        "MB" => 1e6m,
        "GB" => 1e9m,
        "TB" => 1e12m,
        "PB" => 1e15m,
        _ => null,
    };
}
